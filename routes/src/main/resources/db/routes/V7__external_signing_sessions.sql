-- The director's token-signing sessions (the CryptoPro plug-in): between the hash handed out and the
-- CMS coming back the state lives here, not in one node's memory, so a restart or another node
-- completes the session. A session is deleted when it completes (DELETE … RETURNING: of two nodes
-- completing it at once one gets the row) and when it has expired, by whichever node prepares next.
CREATE TABLE external_signing_session (
    id                text PRIMARY KEY,       -- the session id handed to the browser (a random UUID)
    school            text NOT NULL,
    document_id       text NOT NULL,
    stage             text NOT NULL CHECK (stage IN ('PDF', 'DETACHED')),
    document          bytea NOT NULL,         -- PDF: the PDF with the signature reserved; DETACHED: the signed PDF
    byte_range        integer[] CHECK ((stage = 'PDF') = (byte_range IS NOT NULL)),
    hash              bytea NOT NULL,         -- what the token signs (the CMS's messageDigest)
    digest_algorithm  text NOT NULL,
    certificate       bytea NOT NULL,         -- the director's certificate, DER
    signing_time      timestamptz NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    expires_at        timestamptz NOT NULL
);
CREATE INDEX external_signing_session_school ON external_signing_session (school, document_id);
CREATE INDEX external_signing_session_expiry ON external_signing_session (expires_at);
