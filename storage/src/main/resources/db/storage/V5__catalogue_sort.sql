-- The archivist's search page sorts its hits by any column it shows. With the id as tie-breaker each
-- index gives a page of the whole catalogue in order at once (walked backwards for a descending sort);
-- a search with few hits sorts them instead (Catalogue.page). These two replace narrower indexes.
DROP INDEX archived_document_retain_until;
DROP INDEX archived_document_signed;
CREATE INDEX archived_document_retain_order ON archived_document (retain_until, document_id);
CREATE INDEX archived_document_signed_order ON archived_document (signed_at, document_id);
CREATE INDEX archived_document_title_order ON archived_document (title, document_id);
CREATE INDEX archived_document_class_order ON archived_document (class_id, document_id);
CREATE INDEX archived_document_kind_order ON archived_document (kind, document_id);
CREATE INDEX archived_document_signer_order ON archived_document (signer, document_id);
CREATE INDEX archived_document_hold_order ON archived_document (legal_hold, document_id);
