package com.aiagents.platform.provisioning.kubernetes;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.provisioning.kubernetes.ApplyResult.Action;
import com.aiagents.platform.provisioning.kubernetes.ApplyResult.Change;
import com.aiagents.platform.provisioning.kubernetes.ObjectStatus.State;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code KUBERNETES_MODE=cluster}: talks to the API server with a fabric8 {@link KubernetesClient}
 * (kubeconfig, or the pod's service account in-cluster).
 *
 * <p>Create-or-replace: each planned object is read; a missing one is created, a drifted one is
 * replaced with the planned values of its managed fields (labels, quota, spec, rules, secret data)
 * on top of the live object (optimistic locking on its resourceVersion: a concurrent change fails
 * with 409 and the saga retries), and one already as planned is not written at all, so applying
 * twice changes nothing, not even a resourceVersion. Objects inside the tenant namespace are
 * deleted one by one before the namespace, so nothing depends on namespace garbage collection.
 *
 * <p>Inside a tenant namespace it acts through the RoleBinding it creates there right after the
 * namespace (its ServiceAccount holds no right on Secrets cluster-wide), so objects of a namespace
 * that does not exist are known to be absent without asking (the API server would answer 403, not
 * 404), and a 403 just after that binding was created is retried while RBAC catches up.
 *
 * <p>Owns the client: {@link #close()} closes it.
 */
public final class ClusterKubernetesProvisioner implements KubernetesProvisioner {

    /** Named in a probe's failure, which is not about a tenant. */
    private static final TenantId PROBE_TENANT = TenantId.of("health-check");
    /** How long a new RoleBinding may take to reach the API server's authorizer. */
    static final Duration RBAC_PROPAGATION = Duration.ofSeconds(10);
    private static final Duration RBAC_RETRY_PAUSE = Duration.ofMillis(200);

    private final KubernetesClient client;
    private final TenantResourcePlanner planner;
    private final DriftDetector drift;

    public ClusterKubernetesProvisioner(KubernetesClient client, TenantResourcePlanner planner) {
        this.client = Objects.requireNonNull(client, "client");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.drift = new DriftDetector(client.getKubernetesSerialization());
    }

    @Override
    public ApplyResult apply(TenantResources tenant) {
        List<Change> changes = new ArrayList<>();
        boolean bindingJustCreated = false;
        for (HasMetadata desired : planner.plan(tenant)) {
            Action action = bindingJustCreated ? whileRbacPropagates(() -> converge(tenant, desired)) : converge(tenant, desired);
            changes.add(new Change(ObjectRef.of(desired), action));
            bindingJustCreated |= action == Action.CREATED && isProvisionerBinding(desired);
        }
        for (HasMetadata retired : planner.retired(tenant.tenantId(), tenant.tier())) {
            if (deleteIfOwned(tenant.tenantId(), retired)) {
                changes.add(new Change(ObjectRef.of(retired), Action.DELETED));
            }
        }
        for (HasMetadata leftover : reversed(planner.identities(tenant.tenantId(), TenantResourcePlanner.otherTier(tenant.tier())))) {
            if (deleteIfOwned(tenant.tenantId(), leftover)) {
                changes.add(new Change(ObjectRef.of(leftover), Action.DELETED));
            }
        }
        return new ApplyResult(tenant.tenantId(), tenant.tier(), changes);
    }

    @Override
    public ResourceStatus status(TenantResources tenant) {
        Collection<String> secrets = tenant.secretData().values();
        List<ObjectStatus> objects = new ArrayList<>();
        for (HasMetadata desired : planner.plan(tenant)) {
            ObjectRef ref = ObjectRef.of(desired);
            HasMetadata live = get(tenant.tenantId(), desired, secrets);
            if (live == null || isTerminating(live)) {
                objects.add(new ObjectStatus(ref, State.MISSING, List.of()));
            } else {
                List<String> differences = drift.differences(desired, live);
                objects.add(new ObjectStatus(ref, differences.isEmpty() ? State.PRESENT : State.DRIFTED, differences));
            }
        }
        List<HasMetadata> unwanted = new ArrayList<>(planner.retired(tenant.tenantId(), tenant.tier()));
        unwanted.addAll(planner.identities(tenant.tenantId(), TenantResourcePlanner.otherTier(tenant.tier())));
        for (HasMetadata other : unwanted) {
            HasMetadata live = get(tenant.tenantId(), other, List.of());
            if (live != null && isOwned(live, tenant.tenantId())) {
                objects.add(new ObjectStatus(ObjectRef.of(other), State.LEFTOVER, List.of()));
            }
        }
        return new ResourceStatus(tenant.tenantId(), tenant.tier(), objects);
    }

    @Override
    public List<ObjectRef> delete(TenantId tenantId) {
        List<ObjectRef> deleted = new ArrayList<>();
        for (Tier tier : List.of(Tier.PREMIUM, Tier.BASIC)) {
            List<HasMetadata> objects = new ArrayList<>(planner.retired(tenantId, tier));
            objects.addAll(reversed(planner.identities(tenantId, tier)));
            for (HasMetadata identity : objects) {
                if (deleteIfOwned(tenantId, identity)) {
                    deleted.add(ObjectRef.of(identity));
                }
            }
        }
        return deleted;
    }

    @Override
    public String probe() {
        String shared = planner.settings().sharedNamespace();
        ObjectRef ref = new ObjectRef("Namespace", null, shared);
        try {
            boolean exists = client.namespaces().withName(shared).get() != null;
            return "API server " + client.getMasterUrl().getHost() + " answered; shared namespace " + shared
                    + (exists ? " exists" : " does not exist yet");
        } catch (KubernetesClientException e) {
            throw new ProvisioningException(PROBE_TENANT, ref, "get", e.getCode(), detail(e), List.of());
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private Action converge(TenantResources tenant, HasMetadata desired) {
        TenantId tenantId = tenant.tenantId();
        Collection<String> secrets = tenant.secretData().values();
        ObjectRef ref = ObjectRef.of(desired);
        HasMetadata live = get(tenantId, desired, secrets);
        if (live == null) {
            call(tenantId, ref, "create", secrets, () -> client.resource(desired).create());
            ObjectLog.object(Action.CREATED, tenantId, ref, List.of());
            return Action.CREATED;
        }
        if (isTerminating(live)) {
            throw new ProvisioningException(tenantId, ref, "apply", 0,
                    "it is being deleted; apply again once it is gone", secrets);
        }
        List<String> differences = drift.differences(desired, live);
        if (differences.isEmpty()) {
            ObjectLog.object(Action.UNCHANGED, tenantId, ref, List.of());
            return Action.UNCHANGED;
        }
        HasMetadata merged = drift.merge(desired, live);
        call(tenantId, ref, "update", secrets, () -> client.resource(merged).update());
        ObjectLog.object(Action.UPDATED, tenantId, ref, differences);
        return Action.UPDATED;
    }

    private boolean deleteIfOwned(TenantId tenantId, HasMetadata identity) {
        ObjectRef ref = ObjectRef.of(identity);
        HasMetadata live = get(tenantId, identity, List.of());
        if (live == null) {
            return false;
        }
        if (!isOwned(live, tenantId)) {
            ObjectLog.notOwned(tenantId, ref);
            return false;
        }
        call(tenantId, ref, "delete", List.of(), () -> client.resource(identity).delete());
        ObjectLog.object(Action.DELETED, tenantId, ref, List.of());
        return true;
    }

    private HasMetadata get(TenantId tenantId, HasMetadata object, Collection<String> secrets) {
        if (inAbsentTenantNamespace(tenantId, object)) {
            return null;
        }
        return call(tenantId, ObjectRef.of(object), "get", secrets, () -> client.resource(object).get());
    }

    /** An object of a tenant namespace that does not exist, where this service has no rights to ask. */
    private boolean inAbsentTenantNamespace(TenantId tenantId, HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        if (namespace == null || namespace.equals(planner.settings().sharedNamespace())) {
            return false;
        }
        ObjectRef ref = new ObjectRef("Namespace", null, namespace);
        return call(tenantId, ref, "get", List.of(), () -> client.namespaces().withName(namespace).get()) == null;
    }

    private static boolean isProvisionerBinding(HasMetadata object) {
        return object.getKind().equals("RoleBinding") && object.getMetadata().getName().equals(TenantNames.PROVISIONER_BINDING);
    }

    /** Runs {@code step}, repeating it while the API server still answers 403, up to {@link #RBAC_PROPAGATION}. */
    private static Action whileRbacPropagates(Supplier<Action> step) {
        long deadline = System.nanoTime() + RBAC_PROPAGATION.toNanos();
        while (true) {
            try {
                return step.get();
            } catch (ProvisioningException e) {
                if (e.httpStatus() != 403 || System.nanoTime() > deadline) {
                    throw e;
                }
                pause(e);
            }
        }
    }

    private static void pause(ProvisioningException cause) {
        try {
            Thread.sleep(RBAC_RETRY_PAUSE.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }

    private static <T> T call(TenantId tenantId, ObjectRef ref, String operation, Collection<String> secrets,
            Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw new ProvisioningException(tenantId, ref, operation, e.getCode(), detail(e), secrets);
        }
    }

    /** The server's own explanation, or what stopped the request reaching it. */
    private static String detail(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause == e ? e.getMessage() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static boolean isOwned(HasMetadata live, TenantId tenantId) {
        Map<String, String> labels = Objects.requireNonNullElse(live.getMetadata().getLabels(), Map.of());
        return TenantNames.MANAGED_BY.equals(labels.get(TenantNames.MANAGED_BY_LABEL))
                && tenantId.value().equals(labels.get(TenantNames.TENANT_ID_LABEL));
    }

    private static boolean isTerminating(HasMetadata live) {
        return live.getMetadata().getDeletionTimestamp() != null;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }
}
