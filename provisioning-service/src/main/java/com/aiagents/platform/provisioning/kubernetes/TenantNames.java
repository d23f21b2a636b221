package com.aiagents.platform.provisioning.kubernetes;

import com.aiagents.platform.api.TenantId;
import java.util.List;

/**
 * Names and labels of the Kubernetes objects a tenant gets (docs/api/provisioning-service.md). Every name is
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
    /** Binds {@link #WORKLOAD_CLUSTER_ROLE} to the tenant's ServiceAccount. */
    public static final String ROLE_BINDING = "tenant-workload";
    /** Shipped with the platform (deploy/kubernetes): get/list/watch on pods, services, configmaps; no Secrets. */
    public static final String WORKLOAD_CLUSTER_ROLE = "ai-agents-tenant-workload";
    /** Binds {@link #PROVISIONER_CLUSTER_ROLE} to provisioning-service's own ServiceAccount. */
    public static final String PROVISIONER_BINDING = "ai-agents-provisioning";
    /** Shipped with the platform: what provisioning-service may do inside a namespace it manages. */
    public static final String PROVISIONER_CLUSTER_ROLE = "ai-agents-tenant-provisioner";
    /** provisioning-service's ServiceAccount, in {@link KubernetesSettings#platformNamespace()}. */
    public static final String PROVISIONER_SERVICE_ACCOUNT = "provisioning-service";
    /**
     * The Role (and RoleBinding) of earlier releases, which granted the tenant's ServiceAccount read
     * access to Secrets: removed from tenant namespaces on the next apply.
     */
    public static final String RETIRED_ROLE = "tenant-reader";
    /** Pod Security Admission: tenant namespaces enforce, warn about and audit the restricted standard. */
    public static final List<String> POD_SECURITY_LABELS = List.of(
            "pod-security.kubernetes.io/enforce", "pod-security.kubernetes.io/warn", "pod-security.kubernetes.io/audit");
    public static final String POD_SECURITY_LEVEL = "restricted";

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
