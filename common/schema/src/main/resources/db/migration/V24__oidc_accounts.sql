-- Signing in with OpenID Connect (docs/people-and-access.md, "Signing in with OpenID Connect"):
-- an account created by its first OIDC sign-in has no password (password_hash NULL, so a password
-- sign-in never succeeds for it: nothing matches a missing hash) and records who it is at the
-- provider: the ID token's issuer and subject. An existing password account signed in through the
-- provider under the same address is linked the same way and keeps its password.
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE users ADD COLUMN oidc_issuer text CHECK (oidc_issuer <> '');
ALTER TABLE users ADD COLUMN oidc_subject text CHECK (oidc_subject <> '' AND length(oidc_subject) <= 255);
ALTER TABLE users ADD CONSTRAINT users_oidc_identity_whole CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL));
-- one live account per provider identity, across staff and every tenant (the index sees past RLS)
CREATE UNIQUE INDEX users_oidc_identity_unique ON users (oidc_issuer, oidc_subject)
    WHERE deleted_at IS NULL AND oidc_subject IS NOT NULL;
