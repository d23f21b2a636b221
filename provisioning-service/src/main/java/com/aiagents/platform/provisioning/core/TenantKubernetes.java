package com.aiagents.platform.provisioning.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.provisioning.client.ServiceCallException;
import com.aiagents.platform.provisioning.client.TenantRegistryClient;
import com.aiagents.platform.provisioning.kubernetes.ApplyResult;
import com.aiagents.platform.provisioning.kubernetes.KubernetesProvisioner;
import com.aiagents.platform.provisioning.kubernetes.ProvisioningException;
import com.aiagents.platform.provisioning.kubernetes.ResourceStatus;
import com.aiagents.platform.provisioning.kubernetes.TenantResources;
import java.util.function.Function;

/**
 * A tenant's Kubernetes objects outside an onboarding: their status (drift included) and
 * {@code apply} to repair drift or move to a new tier. The tier and the credentials always come
 * from tenant-service, the system of record, never from the caller.
 */
public final class TenantKubernetes {
    private final TenantDatabase database;
    private final TenantRegistryClient registry;
    private final KubernetesProvisioner kubernetes;

    public TenantKubernetes(TenantDatabase database, TenantRegistryClient registry, KubernetesProvisioner kubernetes) {
        this.database = database;
        this.registry = registry;
        this.kubernetes = kubernetes;
    }

    /**
     * The status as {@code caller} may see it: a tenant user (or an admin impersonating a tenant)
     * only its own tenant's, decided by row-level security (the tenant's registry record must be
     * visible in the caller's tenant context); another tenant is 404, like an unknown one.
     */
    public ResourceStatus status(PlatformPrincipal caller, TenantId tenantId) {
        if (database.inVisibleTenantFor(caller, tenantId, handle -> Boolean.TRUE).isEmpty()) {
            throw unknown(tenantId);
        }
        return withTenant(tenantId, kubernetes::status);
    }

    public ApplyResult apply(TenantId tenantId) {
        return withTenant(tenantId, kubernetes::apply);
    }

    private <T> T withTenant(TenantId tenantId, Function<TenantResources, T> work) {
        TenantRuntimeConfig config;
        try {
            config = registry.runtimeConfig(tenantId).orElseThrow(() -> unknown(tenantId));
        } catch (ServiceCallException e) {
            throw ApiException.unavailable("tenant_service_unavailable", e.getMessage(), 5);
        }
        try {
            return work.apply(TenantResources.of(tenantId, config.tier(), CredentialsSecret.of(config)));
        } catch (ProvisioningException e) {
            throw new ApiException(502, "kubernetes_error", e.getMessage());
        }
    }

    private static ApiException unknown(TenantId tenantId) {
        return ApiException.notFound("tenant_not_found", "tenant " + tenantId + " is unknown or offboarded");
    }
}
