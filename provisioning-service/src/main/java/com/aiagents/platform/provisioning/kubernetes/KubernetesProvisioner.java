package com.aiagents.platform.provisioning.kubernetes;

import com.aiagents.platform.api.TenantId;
import java.util.List;

/**
 * Gives a tenant the Kubernetes objects of its tier (see {@link TenantResourcePlanner}), reports
 * how far reality is from that, and takes them away again. Selected by {@code KUBERNETES_MODE}:
 * {@link ClusterKubernetesProvisioner} ({@code cluster}) or {@link ManifestsKubernetesProvisioner}
 * ({@code manifests}); see {@link KubernetesConfiguration}.
 *
 * <p>Every method is safe to call again after a failure (a saga step and its compensation).
 * Failures are {@link ProvisioningException}s naming the object; invalid input is an
 * IllegalArgumentException. No secret value is ever logged, returned or put in an exception.
 */
public interface KubernetesProvisioner extends AutoCloseable {

    /**
     * Converges the tenant to {@code tenant}: creates what is missing, updates what drifted,
     * leaves what is as desired untouched (applying twice changes nothing), and removes what the
     * tenant has from its other tier. Basic → premium creates the namespace objects, then removes
     * the shared-namespace secret; premium → basic creates the shared-namespace secret, then
     * deletes the namespace objects, so the credentials exist throughout.
     */
    ApplyResult apply(TenantResources tenant);

    /** Each desired object's state (present, missing, drifted) plus leftovers of the other tier. Reads only. */
    ResourceStatus status(TenantResources tenant);

    /**
     * Removes every object this platform created for the tenant on either tier, and nothing else:
     * an object with the right name but without this tenant's {@code tenant-id} and
     * {@code managed-by} labels is left alone. Already gone is fine.
     *
     * @return the objects deleted
     */
    List<ObjectRef> delete(TenantId tenantId);

    /**
     * Checks that the target is usable, for the health check: in cluster mode the API server
     * answers (a read of the shared namespace), in manifests mode the directory is writable.
     *
     * @return what was checked, for the health check's message
     * @throws ProvisioningException when it is not usable
     */
    String probe();

    /** Releases the connection to the cluster, if any. */
    @Override
    default void close() {
    }
}
