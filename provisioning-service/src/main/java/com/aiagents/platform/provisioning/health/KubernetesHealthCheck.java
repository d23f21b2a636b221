package com.aiagents.platform.provisioning.health;

import com.aiagents.platform.provisioning.kubernetes.KubernetesProvisioner;
import com.aiagents.platform.provisioning.kubernetes.ProvisioningException;
import com.codahale.metrics.health.HealthCheck;

/** Kubernetes is usable: cluster mode, the API server answers; manifests mode, the directory is writable. */
public final class KubernetesHealthCheck extends HealthCheck {
    private final KubernetesProvisioner kubernetes;

    public KubernetesHealthCheck(KubernetesProvisioner kubernetes) {
        this.kubernetes = kubernetes;
    }

    @Override
    protected Result check() {
        try {
            return Result.healthy(kubernetes.probe());
        } catch (ProvisioningException e) {
            return Result.unhealthy(e.getMessage());
        } catch (RuntimeException e) {
            return Result.unhealthy("kubernetes check failed: " + e.getClass().getSimpleName());
        }
    }
}
