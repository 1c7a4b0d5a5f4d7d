-- Personal API tokens of people (scripts, an archivist's search tool): HTTP basic costs a bcrypt per
-- request, a token one indexed lookup. Only the SHA-256 of the secret is kept (256 random bits, so a
-- slow hash adds nothing). No foreign key to app_user: the administrator from the environment has
-- tokens too.
CREATE TABLE personal_token (
    id            bigserial PRIMARY KEY,
    username      text NOT NULL,
    label         text NOT NULL,
    token_hash    bytea NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    created_by    text NOT NULL,          -- the user themself or the administrator
    expires_at    timestamptz NOT NULL,
    last_used_at  timestamptz,            -- written at most once a minute, not on every request
    revoked_at    timestamptz,
    revoked_by    text
);
CREATE INDEX personal_token_user ON personal_token (username, id);

-- Failed logins in the current window of each username and each address (the window starts at its
-- first failure): shared by the nodes, one row per name or address, read by primary key.
CREATE TABLE login_throttle (
    subject       text NOT NULL CHECK (subject IN ('USER', 'ADDRESS')),
    value         text NOT NULL,
    failures      integer NOT NULL,
    window_start  timestamptz NOT NULL,
    PRIMARY KEY (subject, value)
);

-- Failed and throttled logins, refused tokens, tokens issued and revoked: when, which name, from where.
CREATE TABLE auth_audit (
    id        bigserial PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    outcome   text NOT NULL CHECK (outcome IN ('LOGIN_FAILED', 'LOGIN_THROTTLED', 'TOKEN_REFUSED', 'TOKEN_ISSUED',
                                               'TOKEN_REVOKED')),
    username  text,                       -- the name tried, or the token's owner
    address   text,
    token_id  bigint,
    actor     text,                       -- who issued or revoked the token
    reason    text
);
CREATE INDEX auth_audit_user ON auth_audit (username, at);
CREATE INDEX auth_audit_at ON auth_audit (at);
