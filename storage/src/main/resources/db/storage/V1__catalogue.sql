-- The archive's catalogue: one row per stored document package, rebuilt from the manifests if lost.
CREATE TABLE archived_document (
    document_id       text PRIMARY KEY,
    kind              text NOT NULL,
    school            text,
    school_year       text,
    period            text,
    class_id          text,
    subject           text,
    student           text,
    title             text,
    bucket            text NOT NULL,
    manifest_key      text NOT NULL,
    manifest_version  text NOT NULL,
    objects           jsonb NOT NULL,           -- name → {key, versionId, size, sha256, streebog256, contentType}
    retention_class   text NOT NULL,
    retention_mode    text NOT NULL CHECK (retention_mode IN ('COMPLIANCE', 'GOVERNANCE')),
    retain_until      timestamptz NOT NULL,
    legal_hold        boolean NOT NULL DEFAULT false,
    signature_status  text,
    signer            text,
    created_at        timestamptz NOT NULL,
    signed_at         timestamptz
);
CREATE INDEX archived_document_school_year ON archived_document (school, school_year, period, class_id);
CREATE INDEX archived_document_kind ON archived_document (kind, school_year);
CREATE INDEX archived_document_student ON archived_document (student) WHERE student IS NOT NULL;
CREATE INDEX archived_document_retain_until ON archived_document (retain_until);
CREATE INDEX archived_document_created ON archived_document (created_at, document_id);

-- Every read of an archived document: who, when, which document and object, from where (152-ФЗ).
CREATE TABLE document_read (
    id           bigserial PRIMARY KEY,
    document_id  text NOT NULL REFERENCES archived_document (document_id),
    object_name  text NOT NULL,
    reader       text NOT NULL,
    remote       text,
    read_at      timestamptz NOT NULL DEFAULT now(),
    outcome      text NOT NULL CHECK (outcome IN ('SERVED', 'HASH_MISMATCH'))
);
CREATE INDEX document_read_document ON document_read (document_id, read_at);
CREATE INDEX document_read_reader ON document_read (reader, read_at);
