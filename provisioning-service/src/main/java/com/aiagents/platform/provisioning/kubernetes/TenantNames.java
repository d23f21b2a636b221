package com.aiagents.platform.provisioning.kubernetes;

import com.aiagents.platform.api.TenantId;

/**
 * Names and labels of the Kubernetes objects a tenant gets (CONTRACT section 9). Every name is
 * built from a {@link TenantId}, validated when it was made, so no caller can smuggle a path or
 * another tenant's name in.
 */
public final class TenantNames {

    public static final String TENANT_ID_LABEL = "tenant-id";
    public static final String TIER_LABEL = "tier";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "ai-agents-platform";

    public static final String NETWORK_POLICY = "tenant-isolation";
    public static final String RESOURCE_QUOTA = "tenant-quota";
    public static final String LIMIT_RANGE = "tenant-limits";
    public static final String ROLE = "tenant-reader";
    public static final String ROLE_BINDING = "tenant-reader";

    private TenantNames() {
    }

    /** The premium tenant's namespace: {@code tenant-<tenant_id>}. */
    public static String namespace(TenantId tenantId) {
        return "tenant-" + tenantId.value();
    }

    /** The premium tenant's service account, named like its namespace. */
    public static String serviceAccount(TenantId tenantId) {
        return namespace(tenantId);
    }

    /** The credentials secret, in the shared namespace (basic) or the tenant namespace (premium). */
    public static String credentialsSecret(TenantId tenantId) {
        return namespace(tenantId) + "-credentials";
    }
}
