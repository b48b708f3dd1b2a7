-- Personal API tokens: a script signs in with "Authorization: Bearer ks_<id>_<secret>" instead of a person's
-- password. Only the SHA-256 of the whole token is kept (the secret is shown once, at creation); the id in the
-- token finds its row. The scope is a list of roles like app_user.roles; a request gets the scope's roles that
-- the account still holds. A revoked token keeps its row (revoked_at) so that it is refused as revoked.
-- Portable SQL (H2 and PostgreSQL).

CREATE TABLE api_token (
    id            UUID                     NOT NULL PRIMARY KEY,
    username      VARCHAR(255)             NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
    name          VARCHAR(100)             NOT NULL,
    token_hash    VARCHAR(64)              NOT NULL,
    roles         VARCHAR(128)             NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE
);

CREATE INDEX api_token_username ON api_token (username);
