-- One-time sign-in links (docs/people-and-access.md#one-time-sign-in-links): an admin (or the
-- break-glass token) asks tenant-service for a code that signs one person in once, within minutes.
-- Only the code's SHA-256 is kept. Platform records like user_sessions, not tenant-scoped (no
-- tenant_id): only tenant-service's role may touch the table (ServiceGrants). The address is kept
-- so the redeem finds the account again through user_sign_in_record; the row goes with its user
-- (a tenant's erasure deletes its users), and tenant-service deletes expired rows as it creates new ones.
CREATE TABLE sign_in_links (
    code_sha256  text PRIMARY KEY CHECK (code_sha256 ~ '^[0-9a-f]{64}$'),
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email        text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz
);
CREATE INDEX sign_in_links_user ON sign_in_links (user_id);
CREATE INDEX sign_in_links_expires ON sign_in_links (expires_at);
