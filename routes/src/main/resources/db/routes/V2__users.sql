-- People who log in: directors (of one school), archivists and inspectors (the municipality's),
-- administrators. Schools' journal systems use API tokens instead (journal-store).
CREATE TABLE app_user (
    username       text PRIMARY KEY,
    password_hash  text NOT NULL,           -- {bcrypt}…
    role           text NOT NULL CHECK (role IN ('DIRECTOR', 'ARCHIVIST', 'INSPECTOR', 'ADMIN')),
    school         text,
    full_name      text NOT NULL,
    enabled        boolean NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CHECK ((role = 'DIRECTOR') = (school IS NOT NULL))
);
