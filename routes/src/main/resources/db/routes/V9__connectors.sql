-- Connectors (issue 17): sources the service pulls journal data from itself, and a report per sync.
-- Secrets are not kept here except a source's OAuth tokens, encrypted (AES-GCM) with a key from the
-- environment (JA_CONNECTORS_KEY); client credentials come from the environment or a secret file.
CREATE TABLE connector_source (
    code                  text PRIMARY KEY,
    school                text NOT NULL,
    kind                  text NOT NULL,                 -- DNEVNIK_RU (SETEVOY_GOROD later)
    base_url              text NOT NULL,
    remote_school_id      text NOT NULL,
    classes               jsonb NOT NULL DEFAULT '{}',  -- remote class id -> class id here; empty: every class
    credentials           text NOT NULL,                 -- env:PREFIX or file:/path, never the secret itself
    mappings              jsonb NOT NULL DEFAULT '{}',  -- overrides of the kind's code tables
    settings              jsonb NOT NULL DEFAULT '{}',  -- rate, timeout, attempts, backoff, since
    enabled               boolean NOT NULL DEFAULT true,
    refresh_token         bytea,                          -- encrypted
    access_token          bytea,                          -- encrypted
    access_expires_at     timestamptz,
    last_success_to       date,                           -- the end of the last successful sync's window
    consecutive_failures  integer NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE connector_sync (
    id            bigserial PRIMARY KEY,
    source_code   text NOT NULL REFERENCES connector_source (code) ON DELETE CASCADE,
    trigger       text NOT NULL,                 -- SCHEDULE, API, CLI
    started_by    text NOT NULL,
    node          text NOT NULL,                 -- the node that runs it (JA_NODE)
    window_from   date,
    window_to     date,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    status        text NOT NULL CHECK (status IN ('RUNNING', 'OK', 'PARTIAL', 'FAILED')),
    error         text,
    classes       jsonb NOT NULL DEFAULT '[]',  -- one entry per class: fetched, applied, deleted, rejected, error
    totals        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX connector_sync_by_source ON connector_sync (source_code, id DESC);
-- One sync of a source at a time, whichever node starts it.
CREATE UNIQUE INDEX connector_sync_one_running ON connector_sync (source_code) WHERE status = 'RUNNING';
