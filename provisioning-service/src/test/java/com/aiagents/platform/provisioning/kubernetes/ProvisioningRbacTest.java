package com.aiagents.platform.provisioning.kubernetes;

import static com.aiagents.platform.provisioning.kubernetes.TestTenants.SECRETS;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.Tier;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ClusterRole that deploy/kubernetes gives provisioning-service grants exactly the API calls the
 * cluster provisioner makes (recorded on fabric8's mock API server through every path: probe, apply
 * of either tier, drift repair, tier changes, status, delete), plus the tenant Role's own rules,
 * which Kubernetes only lets it create if it holds them itself. A new call (a patch, a list) fails
 * here until the manifest grants it; a grant nothing uses fails here too.
 */
class ProvisioningRbacTest {
    private static final Path CLUSTER_ROLE = Path.of("../deploy/kubernetes/base/rbac-provisioning.yaml");
    private static final TenantResources PREMIUM = TenantResources.of("acme", Tier.PREMIUM, SECRETS);
    private static final TenantResources BASIC = PREMIUM.withTier(Tier.BASIC);

    private MockCluster cluster;
    private ClusterKubernetesProvisioner provisioner;
    private final Set<String> calls = new TreeSet<>();
    private int consumed;

    @BeforeEach
    void startCluster() {
        cluster = new MockCluster();
        provisioner = new ClusterKubernetesProvisioner(cluster.newClient(), new TenantResourcePlanner(KubernetesSettings.defaults()));
    }

    @AfterEach
    void stopCluster() {
        provisioner.close();
        cluster.close();
    }

    @Test
    void theClusterRoleGrantsWhatTheProvisionerCallsAndTheTenantRoleHoldsAndNothingElse() throws Exception {
        recorded(provisioner::probe);
        recorded(() -> provisioner.apply(PREMIUM));
        recorded(() -> provisioner.apply(PREMIUM));
        tamperWithEveryObjectOf(PREMIUM);
        recorded(() -> provisioner.status(PREMIUM));
        recorded(() -> provisioner.apply(PREMIUM));
        recorded(() -> provisioner.apply(BASIC));
        recorded(() -> provisioner.status(BASIC));
        recorded(() -> provisioner.apply(PREMIUM));
        recorded(() -> provisioner.delete(PREMIUM.tenantId()));

        assertThat(calls).as("every kind of call was made").contains("/namespaces:get", "/namespaces:create",
                "/namespaces:update", "/namespaces:delete", "/secrets:create", "/secrets:update", "/secrets:delete");
        Set<String> tenantRole = grants(List.of(tenantRole().getRules()));
        Set<String> needed = new TreeSet<>(calls);
        needed.addAll(tenantRole);
        assertThat(grants(List.of(clusterRole().getRules()))).isEqualTo(needed);
    }

    /** Someone else relabels every object the tenant has, so that apply has to update each kind. */
    private void tamperWithEveryObjectOf(TenantResources tenant) {
        for (HasMetadata planned : new TenantResourcePlanner(KubernetesSettings.defaults()).plan(tenant)) {
            HasMetadata live = cluster.client().resource(planned).get();
            live.getMetadata().getLabels().put("tier", "tampered");
            cluster.client().resource(live).update();
        }
    }

    /** Runs {@code operation} and keeps the provisioner's requests, not those the test's own client made before. */
    private void recorded(Runnable operation) throws InterruptedException {
        while (consumed < cluster.server().getRequestCount()) {
            take();
        }
        operation.run();
        int end = cluster.server().getRequestCount();
        while (consumed < end) {
            calls.add(call(take()));
        }
    }

    private RecordedRequest take() throws InterruptedException {
        consumed++;
        return cluster.server().takeRequest();
    }

    /** {@code <apiGroup>/<resource>:<verb>} of one API request, the way RBAC sees it. */
    static String call(RecordedRequest request) {
        String path = request.getPath().replaceFirst("\\?.*$", "");
        List<String> segments = List.of(path.replaceFirst("^/", "").split("/"));
        String group;
        List<String> rest;
        if (segments.get(0).equals("api")) {
            group = "";
            rest = segments.subList(2, segments.size());
        } else {
            group = segments.get(1);
            rest = segments.subList(3, segments.size());
        }
        boolean namespaced = rest.get(0).equals("namespaces") && rest.size() >= 3;
        String resource = namespaced ? rest.get(2) : rest.get(0);
        boolean named = rest.size() > (namespaced ? 3 : 1);
        String verb = switch (request.getMethod()) {
            case "GET" -> named ? "get" : (request.getPath().contains("watch=true") ? "watch" : "list");
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> throw new IllegalStateException("unexpected " + request.getRequestLine());
        };
        return group + "/" + resource + ":" + verb;
    }

    private static Set<String> grants(Collection<List<PolicyRule>> ruleLists) {
        Set<String> granted = new TreeSet<>();
        for (List<PolicyRule> rules : ruleLists) {
            for (PolicyRule rule : rules) {
                for (String group : rule.getApiGroups()) {
                    for (String resource : rule.getResources()) {
                        rule.getVerbs().forEach(verb -> granted.add(group + "/" + resource + ":" + verb));
                    }
                }
            }
        }
        return granted;
    }

    private static Role tenantRole() {
        return new TenantResourcePlanner(KubernetesSettings.defaults()).plan(PREMIUM).stream()
                .filter(Role.class::isInstance).map(Role.class::cast).findFirst().orElseThrow();
    }

    private static ClusterRole clusterRole() throws IOException {
        Object parsed = new KubernetesSerialization().unmarshal(Files.readString(CLUSTER_ROLE));
        List<?> documents = parsed instanceof List<?> list ? list : List.of(parsed);
        return documents.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
                .filter(r -> r.getMetadata().getName().equals("ai-agents-provisioning"))
                .findFirst().orElseThrow();
    }
}
