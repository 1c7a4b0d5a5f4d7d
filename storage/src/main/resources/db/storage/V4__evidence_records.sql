-- Evidence records (RFC 4998) over the packages' manifests: the manifest's Streebog-256 is kept here
-- when the manifest is written, so a daily record over many documents needs no reads from S3.
ALTER TABLE archived_document ADD COLUMN manifest_streebog256 text;

-- One record: a hash tree over many manifests with one time-stamp, later renewed. The columns about
-- the time-stamp describe the newest one (what renewal looks at); the history is in evidence_object.
CREATE TABLE evidence_record (
    id                text PRIMARY KEY,
    state             text NOT NULL CHECK (state IN ('BUILDING', 'DONE')),
    built_at          timestamptz NOT NULL,
    object_key        text NOT NULL,              -- the first object; deterministic from id and built_at
    version_id        text,
    digest_algorithm  text NOT NULL,              -- of the newest chain
    retention_mode    text NOT NULL CHECK (retention_mode IN ('COMPLIANCE', 'GOVERNANCE')),
    retain_until      timestamptz NOT NULL,       -- the longest retain-until of the documents covered
    time_stamp_at     timestamptz,
    tsa_not_after     timestamptz,
    tsa_certificate   bytea,                      -- DER, to check revocation without reading S3
    renewal_deadline  timestamptz                 -- earliest notAfter in the TSA's chain minus the margin
);
CREATE INDEX evidence_record_building ON evidence_record (built_at) WHERE state = 'BUILDING';
CREATE INDEX evidence_record_deadline ON evidence_record (renewal_deadline) WHERE state = 'DONE';

-- Every locked object of a record, in order: 0 the first chain, then time-stamp or hash-tree renewals.
CREATE TABLE evidence_object (
    record_id         text NOT NULL REFERENCES evidence_record (id),
    seq               integer NOT NULL,
    kind              text NOT NULL CHECK (kind IN ('CHAIN', 'TIMESTAMP_RENEWAL', 'HASHTREE_RENEWAL')),
    state             text NOT NULL CHECK (state IN ('BUILDING', 'STORED')),
    object_key        text NOT NULL UNIQUE,
    version_id        text,
    digest_algorithm  text NOT NULL,
    planned_at        timestamptz NOT NULL,
    time_stamp_at     timestamptz,
    PRIMARY KEY (record_id, seq)
);

-- Which record covers which document: one record per document (the unique index says so).
CREATE TABLE evidence_coverage (
    record_id      text NOT NULL REFERENCES evidence_record (id),
    document_id    text NOT NULL REFERENCES archived_document (document_id),
    leaf           bytea NOT NULL,                -- the manifest's Streebog-256 as planned
    proved_until   timestamptz,                   -- the newest time-stamp's TSA certificate notAfter
    PRIMARY KEY (record_id, document_id)
);
CREATE UNIQUE INDEX evidence_coverage_document ON evidence_coverage (document_id);
