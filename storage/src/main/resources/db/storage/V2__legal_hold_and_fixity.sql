-- Legal hold placed or lifted on a document, with the reason (a court case, an inspection) and who did it.
CREATE TABLE legal_hold_event (
    id           bigserial PRIMARY KEY,
    document_id  text NOT NULL REFERENCES archived_document (document_id),
    hold         boolean NOT NULL,
    reason       text NOT NULL,
    actor        text NOT NULL,
    at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX legal_hold_event_document ON legal_hold_event (document_id, at);

-- Fixity audit runs and what they found: objects that no longer match their catalogued hash or are gone.
CREATE TABLE fixity_run (
    id          bigserial PRIMARY KEY,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    checked     integer NOT NULL DEFAULT 0,
    failures    integer NOT NULL DEFAULT 0
);
CREATE TABLE fixity_finding (
    id           bigserial PRIMARY KEY,
    run_id       bigint NOT NULL REFERENCES fixity_run (id),
    document_id  text NOT NULL,
    object_name  text NOT NULL,
    problem      text NOT NULL CHECK (problem IN ('MISMATCH', 'UNREADABLE')),
    expected     text,
    actual       text,
    found_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fixity_finding_document ON fixity_finding (document_id);
