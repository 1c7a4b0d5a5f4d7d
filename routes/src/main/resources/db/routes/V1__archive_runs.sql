-- Archive runs: a period's (or the school year's) documents of a school, planned once, each carried
-- through render → sign → archive. The state lives here so that a run survives a restart.
CREATE TABLE archive_run (
    id           bigserial PRIMARY KEY,
    school       text NOT NULL,
    school_year  text NOT NULL,
    period_id    text,                  -- null: the year-end run
    class_id     text,                  -- null: every class
    started_by   text NOT NULL,
    started_at   timestamptz NOT NULL DEFAULT now(),
    planned      integer NOT NULL DEFAULT 0,
    finished_at  timestamptz
);
CREATE INDEX archive_run_unfinished ON archive_run (id) WHERE finished_at IS NULL;

-- One row per document, keyed by its deterministic id: planning the same period again adds nothing,
-- so every document is produced exactly once whichever run asked for it first.
CREATE TABLE run_document (
    document_id      text PRIMARY KEY,
    run_id           bigint NOT NULL REFERENCES archive_run (id),
    school           text NOT NULL,
    school_year      text NOT NULL,
    period_id        text,
    class_id         text,
    kind             text NOT NULL,
    subject_id       text,
    student_id       text,
    sealed           boolean NOT NULL,  -- the school's seal signs it; otherwise it waits for the director
    state            text NOT NULL CHECK (state IN ('PLANNED', 'RENDERED', 'AWAITING_SIGNATURE', 'SIGNED', 'ARCHIVED', 'FAILED')),
    title            text,
    data_sha256      text,              -- of the JSON twin when rendered: a later change means re-render, not a stale signature
    data_version     text,              -- the school's data version it was rendered at: unchanged means nothing to compare
    pages            integer,
    closed_on        date,              -- the period's or year's last day: retention counts from the next 1 January
    signer           text,
    signed_at        timestamptz,
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),   -- later than now while backing off after a failure
    leased_until     timestamptz,                          -- a worker has it until then
    last_error       text,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX run_document_due ON run_document (next_attempt_at) WHERE state IN ('PLANNED', 'RENDERED', 'SIGNED');
CREATE INDEX run_document_run ON run_document (run_id, state);
CREATE INDEX run_document_queue ON run_document (school, state);

-- Which documents each run asked for (a document planned by an earlier run is shared, not repeated).
CREATE TABLE run_member (
    run_id       bigint NOT NULL REFERENCES archive_run (id),
    document_id  text NOT NULL REFERENCES run_document (document_id),
    PRIMARY KEY (run_id, document_id)
);

-- Documents that kept failing, with the reason; the others went on without them.
CREATE TABLE dead_letter (
    id           bigserial PRIMARY KEY,
    document_id  text NOT NULL REFERENCES run_document (document_id),
    run_id       bigint NOT NULL REFERENCES archive_run (id),
    attempts     integer NOT NULL,
    reason       text NOT NULL,
    failed_at    timestamptz NOT NULL DEFAULT now()
);
