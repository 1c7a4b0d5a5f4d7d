-- When a school's token was last presented, for the administrator's token list (which token a journal
-- system still uses before one is revoked). Written at most once a minute per token, not on every push.
ALTER TABLE api_token ADD COLUMN last_used_at timestamptz;
