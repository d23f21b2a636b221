-- Offboarding in two steps (docs/runbooks/offboarding.md): DELETE /v1/tenants/{id} puts a tenant in
-- 'offboarding' for a grace period (webhooks refused, data kept, restorable by an admin); the
-- erasure after it deletes every tenant row, Kubernetes object and Redis key and leaves the
-- 'offboarded' tombstone that keeps the id from being reused.
ALTER TABLE tenant_configs DROP CONSTRAINT tenant_configs_status_check;
ALTER TABLE tenant_configs ADD CONSTRAINT tenant_configs_status_check
    CHECK (status IN ('onboarding', 'configured', 'active', 'suspended', 'offboarding', 'offboarded'));

-- When the grace period ends, and the status a restore returns to. Both are set together when
-- offboarding starts and cleared together by a restore.
ALTER TABLE tenant_configs ADD COLUMN erase_after timestamptz;
ALTER TABLE tenant_configs ADD COLUMN status_before_offboarding text
    CHECK (status_before_offboarding IN ('onboarding', 'configured', 'active', 'suspended'));
ALTER TABLE tenant_configs ADD CONSTRAINT tenant_configs_offboarding_fields
    CHECK ((status = 'offboarding') = (erase_after IS NOT NULL AND status_before_offboarding IS NOT NULL));
