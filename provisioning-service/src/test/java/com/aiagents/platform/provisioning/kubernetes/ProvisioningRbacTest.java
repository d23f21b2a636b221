package com.aiagents.platform.provisioning.kubernetes;

import static com.aiagents.platform.provisioning.kubernetes.TestTenants.SECRETS;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.Tier;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The RBAC that deploy/kubernetes gives provisioning-service grants exactly the API calls the cluster
 * provisioner makes, recorded on fabric8's mock API server through every path (probe, apply of either
 * tier, drift repair, removal of the retired Role, tier changes, status, delete):
 * <ul>
 *   <li>a call is allowed by the ClusterRole bound cluster-wide, or inside a namespace by the ClusterRole
 *       a RoleBinding there grants the service (shipped for the shared namespace, planned for each tenant
 *       namespace);</li>
 *   <li>every grant of each of those roles is used, {@code bind} included (RBAC escalation prevention:
 *       the planned RoleBindings name ClusterRoles whose rules the service does not hold);</li>
 *   <li>nothing bound cluster-wide reads Secrets.</li>
 * </ul>
 * A new call (a patch, a list) fails here until the manifest grants it; a grant nothing uses fails too.
 */
class ProvisioningRbacTest {
    private static final Path RBAC = Path.of("../deploy/kubernetes/base/rbac-provisioning.yaml");
    private static final String SERVICE_ACCOUNT = "provisioning-service";
    private static final TenantResources PREMIUM = TenantResources.of("acme", Tier.PREMIUM, SECRETS);
    private static final TenantResources BASIC = PREMIUM.withTier(Tier.BASIC);

    private List<HasMetadata> shipped;
    private TenantResourcePlanner planner;
    private MockCluster cluster;
    private ClusterKubernetesProvisioner provisioner;
    /** namespace ("" for cluster-scoped) → {@code <apiGroup>/<resource>:<verb>} of each call made there. */
    private final Map<String, Set<String>> calls = new TreeMap<>();
    private int consumed;

    @BeforeEach
    void startCluster() throws IOException {
        shipped = shippedRbac();
        String shared = shipped.stream().filter(RoleBinding.class::isInstance).map(o -> o.getMetadata().getNamespace())
                .findFirst().orElseThrow();
        planner = new TenantResourcePlanner(KubernetesSettings.defaults().withSharedNamespace(shared));
        cluster = new MockCluster();
        provisioner = new ClusterKubernetesProvisioner(cluster.newClient(), planner);
    }

    @AfterEach
    void stopCluster() {
        provisioner.close();
        cluster.close();
    }

    @Test
    void theShippedRbacGrantsWhatTheProvisionerCallsWhereItCallsItAndNothingElse() throws Exception {
        recorded(provisioner::probe);
        recorded(() -> provisioner.apply(PREMIUM));
        recorded(() -> provisioner.apply(PREMIUM));
        createTheRetiredRoleOf(PREMIUM);
        tamperWithEveryObjectOf(PREMIUM);
        recorded(() -> provisioner.status(PREMIUM));
        recorded(() -> provisioner.apply(PREMIUM));
        recorded(() -> provisioner.apply(BASIC));
        recorded(() -> provisioner.status(BASIC));
        recorded(() -> provisioner.apply(PREMIUM));
        recorded(() -> provisioner.delete(PREMIUM.tenantId()));

        Set<String> clusterWide = grants(clusterWideRole());
        Map<String, Set<String>> inNamespace = namespaceRoles();
        Set<String> used = new TreeSet<>();
        Map<String, Set<String>> usedInNamespace = new TreeMap<>();
        Set<String> refused = new TreeSet<>();
        calls.forEach((namespace, made) -> made.forEach(call -> {
            if (clusterWide.contains(call)) {
                used.add(call);
            } else if (inNamespace.getOrDefault(namespace, Set.of()).contains(call)) {
                usedInNamespace.computeIfAbsent(roleIn(namespace), k -> new TreeSet<>()).add(call);
            } else {
                refused.add(namespace + " " + call);
            }
        }));
        planner.plan(PREMIUM).stream().filter(RoleBinding.class::isInstance).map(RoleBinding.class::cast)
                .forEach(b -> used.add("rbac.authorization.k8s.io/clusterroles:bind:" + b.getRoleRef().getName()));

        assertThat(calls.get("tenant-acme")).as("every kind of call was made").contains("/secrets:get", "/secrets:create",
                "/secrets:update", "/secrets:delete", "rbac.authorization.k8s.io/roles:delete");
        assertThat(refused).as("calls the shipped RBAC does not allow where they are made").isEmpty();
        assertThat(clusterWide).as("the cluster-wide ClusterRole: used grants only").isEqualTo(used);
        Map<String, Set<String>> granted = new TreeMap<>();
        shippedOrPlannedBindings().forEach(b -> granted.put(b.getRoleRef().getName(), grants(clusterRole(b.getRoleRef().getName()))));
        assertThat(granted).as("each namespaced grant is used").isEqualTo(usedInNamespace);
        assertThat(clusterWide).as("no Secret read cluster-wide")
                .noneMatch(grant -> grant.startsWith("/secrets:") || grant.startsWith("/*:"));
    }

    /** A premium tenant of an earlier release, whose ServiceAccount could read Secrets through the Role tenant-reader. */
    private void createTheRetiredRoleOf(TenantResources tenant) {
        for (HasMetadata retired : planner.retired(tenant.tenantId(), tenant.tier())) {
            HasMetadata object = retired instanceof RoleBinding binding
                    ? new RoleBindingBuilder(binding).addNewSubject().withKind("ServiceAccount").withName("tenant-acme")
                            .withNamespace("tenant-acme").endSubject().build()
                    : new RoleBuilder((io.fabric8.kubernetes.api.model.rbac.Role) retired).addNewRule().withApiGroups("")
                            .withResources("secrets").withVerbs("get", "list", "watch").endRule().build();
            cluster.client().resource(object).create();
        }
    }

    /** Someone else relabels every object the tenant has, so that apply has to update each kind. */
    private void tamperWithEveryObjectOf(TenantResources tenant) {
        for (HasMetadata planned : planner.plan(tenant)) {
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
            RecordedRequest request = take();
            calls.computeIfAbsent(namespace(request), k -> new TreeSet<>()).add(call(request));
        }
    }

    private RecordedRequest take() throws InterruptedException {
        consumed++;
        return cluster.server().takeRequest();
    }

    /** The namespace a request is made in, "" for cluster-scoped objects (the Namespace objects themselves). */
    static String namespace(RecordedRequest request) {
        List<String> rest = resourcePath(request);
        return rest.get(0).equals("namespaces") && rest.size() >= 3 ? rest.get(1) : "";
    }

    /** {@code <apiGroup>/<resource>:<verb>} of one API request, the way RBAC sees it. */
    static String call(RecordedRequest request) {
        String path = request.getPath().replaceFirst("\\?.*$", "");
        String group = path.startsWith("/api/") ? "" : path.split("/")[2];
        List<String> rest = resourcePath(request);
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

    /** The path after {@code /api/v1} or {@code /apis/<group>/<version>}. */
    private static List<String> resourcePath(RecordedRequest request) {
        List<String> segments = List.of(request.getPath().replaceFirst("\\?.*$", "").replaceFirst("^/", "").split("/"));
        return segments.get(0).equals("api") ? segments.subList(2, segments.size()) : segments.subList(3, segments.size());
    }

    /** {@code <apiGroup>/<resource>:<verb>}, with {@code :<resourceName>} when the rule names its objects. */
    private static Set<String> grants(ClusterRole role) {
        Set<String> granted = new TreeSet<>();
        for (PolicyRule rule : role.getRules()) {
            List<String> names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                    ? List.of("") : rule.getResourceNames().stream().map(n -> ":" + n).toList();
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    rule.getVerbs().forEach(verb -> names.forEach(name -> granted.add(group + "/" + resource + ":" + verb + name)));
                }
            }
        }
        return granted;
    }

    private ClusterRole clusterWideRole() {
        List<ClusterRoleBinding> bindings = shipped.stream().filter(ClusterRoleBinding.class::isInstance)
                .map(ClusterRoleBinding.class::cast).filter(b -> bindsTheService(b.getSubjects())).toList();
        assertThat(bindings).as("one ClusterRoleBinding for provisioning-service").hasSize(1);
        return clusterRole(bindings.get(0).getRoleRef().getName());
    }

    /** The RoleBindings that grant the service rights inside one namespace: shipped ones and planned ones. */
    private List<RoleBinding> shippedOrPlannedBindings() {
        return java.util.stream.Stream.concat(shipped.stream(), planner.plan(PREMIUM).stream())
                .filter(RoleBinding.class::isInstance).map(RoleBinding.class::cast)
                .filter(b -> bindsTheService(b.getSubjects())).toList();
    }

    private Map<String, Set<String>> namespaceRoles() {
        Map<String, Set<String>> roles = new TreeMap<>();
        shippedOrPlannedBindings().forEach(b -> roles.put(b.getMetadata().getNamespace(), grants(clusterRole(b.getRoleRef().getName()))));
        return roles;
    }

    private String roleIn(String namespace) {
        return shippedOrPlannedBindings().stream().filter(b -> b.getMetadata().getNamespace().equals(namespace))
                .map(b -> b.getRoleRef().getName()).findFirst().orElseThrow();
    }

    private ClusterRole clusterRole(String name) {
        return shipped.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
                .filter(r -> r.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("ClusterRole " + name + " is not in " + RBAC));
    }

    private static boolean bindsTheService(List<Subject> subjects) {
        return subjects.stream().anyMatch(s -> s.getKind().equals("ServiceAccount") && s.getName().equals(SERVICE_ACCOUNT));
    }

    private static List<HasMetadata> shippedRbac() throws IOException {
        Object parsed = new KubernetesSerialization().unmarshal(Files.readString(RBAC));
        List<?> documents = parsed instanceof List<?> list ? list : List.of(parsed);
        return documents.stream().map(HasMetadata.class::cast).toList();
    }
}
