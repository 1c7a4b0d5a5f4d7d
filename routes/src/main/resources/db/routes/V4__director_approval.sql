-- The director approves a batch for the server-held key and the workers sign it: a batch of any size
-- holds no HTTP request open, and a batch approved before the service stopped is signed after it starts.
ALTER TABLE run_document DROP CONSTRAINT run_document_state_check;
ALTER TABLE run_document ADD CONSTRAINT run_document_state_check
    CHECK (state IN ('PLANNED', 'RENDERED', 'AWAITING_SIGNATURE', 'APPROVED', 'SIGNED', 'ARCHIVED', 'FAILED'));
ALTER TABLE run_document ADD COLUMN approved_by text;
DROP INDEX run_document_due;
CREATE INDEX run_document_due ON run_document (next_attempt_at) WHERE state IN ('PLANNED', 'RENDERED', 'APPROVED', 'SIGNED');
