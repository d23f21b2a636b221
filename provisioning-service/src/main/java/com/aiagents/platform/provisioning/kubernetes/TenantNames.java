package com.aiagents.platform.provisioning.kubernetes;

import java.util.regex.Pattern;

/**
 * Names and labels of the Kubernetes objects a tenant gets (CONTRACT section 9). Every name is
 * built from a validated tenant id, so no caller can smuggle a path or another tenant's name in.
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

    private static final Pattern TENANT_ID = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?$");

    private TenantNames() {
    }

    /** Returns {@code tenantId} if it matches the contract's rule, else throws IllegalArgumentException. */
    public static String requireValidTenantId(String tenantId) {
        if (tenantId == null || !TENANT_ID.matcher(tenantId).matches()) {
            throw new IllegalArgumentException("tenant id must match " + TENANT_ID.pattern()
                    + " (lowercase letters, digits and '-', at most 50 characters), got "
                    + (tenantId == null ? "null" : "'" + abbreviate(tenantId) + "'"));
        }
        return tenantId;
    }

    /** The premium tenant's namespace: {@code tenant-<tenant_id>}. */
    public static String namespace(String tenantId) {
        return "tenant-" + requireValidTenantId(tenantId);
    }

    /** The premium tenant's service account, named like its namespace. */
    public static String serviceAccount(String tenantId) {
        return namespace(tenantId);
    }

    /** The credentials secret, in the shared namespace (basic) or the tenant namespace (premium). */
    public static String credentialsSecret(String tenantId) {
        return namespace(tenantId) + "-credentials";
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "...";
    }
}
