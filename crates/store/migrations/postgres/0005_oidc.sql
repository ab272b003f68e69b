-- OpenID Connect sign-in (postgres). Keep in step with ../sqlite/0005_oidc.sql: same tables, same columns.
-- An account's identity at the provider is users.oidc_subject (0003): "<issuer>#<sub>".

-- A sign-in started at the provider and not yet finished: single use (deleted when the provider sends the browser
-- back), expiring after ten minutes, bound to the browser that started it by the SHA-256 of a cookie. The state
-- is kept as its SHA-256; the nonce and the PKCE verifier are needed in the clear to finish the sign-in.
CREATE TABLE oidc_logins (
    state_hash    TEXT PRIMARY KEY,
    browser_hash  TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    lang          TEXT NOT NULL,
    next          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
CREATE INDEX oidc_logins_expires ON oidc_logins (expires_at);
