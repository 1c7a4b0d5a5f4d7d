-- Disposal: after retain-until has passed, an archivist lists what may be destroyed, the act (a PDF
-- list) is prepared, and on confirmation the objects are deleted and the act is kept for good.
CREATE TABLE disposal_act (
    id            bigserial PRIMARY KEY,
    as_of         timestamptz NOT NULL,             -- retention had run out by this moment
    prepared_at   timestamptz NOT NULL,
    prepared_by   text NOT NULL,
    act_pdf       bytea NOT NULL,
    act_sha256    text NOT NULL,
    status        text NOT NULL CHECK (status IN ('PREPARED', 'CONFIRMED')),
    confirmed_at  timestamptz,
    confirmed_by  text
);
CREATE TABLE disposal_act_item (
    act_id        bigint NOT NULL REFERENCES disposal_act (id),
    position      integer NOT NULL,
    document_id   text NOT NULL REFERENCES archived_document (document_id),
    disposed_at   timestamptz,                      -- set once every object of the document is deleted
    refusal       text,                             -- why it was not destroyed (held, retention extended…)
    PRIMARY KEY (act_id, document_id)
);
ALTER TABLE archived_document ADD COLUMN disposed_by_act bigint REFERENCES disposal_act (id);

-- The fixity audit also compares each manifest in the bucket with the catalogue.
ALTER TABLE fixity_finding DROP CONSTRAINT fixity_finding_problem_check;
ALTER TABLE fixity_finding ADD CONSTRAINT fixity_finding_problem_check
    CHECK (problem IN ('MISMATCH', 'UNREADABLE', 'MANIFEST_MISMATCH'));

-- Search: an archivist looks by signer, subject or date as well as by school and class.
CREATE INDEX archived_document_signer ON archived_document (signer, signed_at) WHERE signer IS NOT NULL;
CREATE INDEX archived_document_school_kind ON archived_document (school, kind, school_year);
CREATE INDEX archived_document_subject ON archived_document (school, subject) WHERE subject IS NOT NULL;
CREATE INDEX archived_document_signed ON archived_document (signed_at) WHERE signed_at IS NOT NULL;
