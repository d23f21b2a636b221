-- tenant-service: the private networks an administrator allows one tenant's ServiceDesk Plus to be
-- reached in (servicedesk_private_networks, e.g. an on-premises SDP over a VPN). Without an entry
-- here a tenant's SDP must be at a globally routable address; the SDP client checks every address
-- it connects to against this list. Written only by tenant-service (admin role, audited); the
-- worker and gates-runner receive it in the tenant's runtime configuration. cidr[] makes
-- PostgreSQL refuse anything that is not a network. The table's existing grants and row-level
-- security cover the new column.
ALTER TABLE tenant_configs
    ADD COLUMN servicedesk_private_networks cidr[] NOT NULL DEFAULT '{}';
