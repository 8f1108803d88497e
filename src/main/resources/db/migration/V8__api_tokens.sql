-- Runs unchanged on H2 and PostgreSQL.

-- Revocable tokens for machine clients (the MTA feed, external systems): only the SHA-256 of a token is kept; the
-- token itself is shown once, when it is made.
create table api_token (
    id          varchar(36)  primary key,
    user_id     varchar(255) not null,
    name        varchar(200) not null,
    token_hash  varchar(64)  not null,
    created_by  varchar(255) not null,
    created_at  timestamp with time zone not null,
    revoked_at  timestamp with time zone
);
create unique index api_token_by_hash on api_token (token_hash);
