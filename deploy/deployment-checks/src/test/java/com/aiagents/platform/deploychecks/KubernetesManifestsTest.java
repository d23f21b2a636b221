package com.aiagents.platform.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/kubernetes: every document of the base and the overlays parses with fabric8 into a known
 * kind; the rendered overlays (kubectl kustomize, when kubectl is installed) have the probes,
 * resources, autoscalers, disruption budgets, policies and RBAC they must, and no secret value.
 */
class KubernetesManifestsTest {
    private static final System.Logger LOG = System.getLogger(KubernetesManifestsTest.class.getName());
    private static final List<String> SERVICES = List.of("tenant-service", "webhook-gateway", "enhancement-worker",
            "provisioning-service", "gates-runner", "operator-console");
    private static final Map<String, Integer> ADMIN_PORTS = Map.of("tenant-service", 9081, "webhook-gateway", 9080,
            "enhancement-worker", 9082, "provisioning-service", 9083, "gates-runner", 9084, "operator-console", 9085);
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|SECRET|_KEY)$");
    private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();
    private static final String IN_CLUSTER = ".ai-agents.svc.cluster.local";
    private static final String SHARED_TENANT_NAMESPACE = "ai-agents-tenants";
    private static final String TENANT_PROVISIONER_ROLE = "ai-agents-tenant-provisioner";
    private static final String TENANT_WORKLOAD_ROLE = "ai-agents-tenant-workload";
    /** Custom resources the deployment relies on (their operators are prerequisites, docs/kubernetes.md). */
    private static final Set<String> CUSTOM_KINDS = Set.of("keda.sh/v1alpha1/ScaledObject");

    @Test
    void everyDocumentOfBaseAndOverlaysIsAKnownKind() {
        List<Path> files = Repo.files("deploy/kubernetes", ".yaml");
        assertThat(files).hasSizeGreaterThan(15);
        int documents = 0;
        for (Path file : files) {
            String text = Repo.read(file);
            if (file.getFileName().toString().equals("kustomization.yaml")) {
                assertKustomization(file);
                continue;
            }
            for (JsonNode doc : Repo.yamlDocuments(text)) {
                KubernetesResource parsed = parse(doc, file);
                if (!CUSTOM_KINDS.contains(doc.path("apiVersion").asText() + "/" + doc.path("kind").asText())) {
                    assertThat(parsed).as(file + ": " + doc.path("kind").asText() + " is a kind fabric8 knows")
                            .isNotInstanceOf(GenericKubernetesResource.class);
                }
                documents++;
            }
        }
        assertThat(documents).isGreaterThan(40);
    }

    @Test
    void theBaseHasEverythingTheFiveServicesNeed() {
        List<HasMetadata> base = new ArrayList<>();
        for (Path file : Repo.files("deploy/kubernetes/base", ".yaml")) {
            if (!file.getFileName().toString().equals("kustomization.yaml")) {
                Repo.yamlDocuments(Repo.read(file)).forEach(doc -> base.add((HasMetadata) parse(doc, file)));
            }
        }
        assertRendered(base, "base");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachRenderedOverlayIsComplete(String overlay) throws Exception {
        Optional<List<JsonNode>> rendered = RenderedOverlay.render(overlay);
        if (rendered.isEmpty()) {
            // Without kubectl the overlays' own documents are still parsed by the test above.
            LOG.log(System.Logger.Level.WARNING, "kubectl not installed: overlay {0} not rendered", overlay);
            return;
        }
        List<HasMetadata> objects = rendered.get().stream()
                .map(doc -> (HasMetadata) parse(doc, Path.of("overlays", overlay))).toList();
        assertRendered(objects, overlay);
        assertThat(objects).allSatisfy(o -> {
            if (o.getMetadata().getNamespace() != null) {
                assertThat(o.getMetadata().getNamespace()).as(o.getKind() + " " + o.getMetadata().getName())
                        .isEqualTo(o.getKind().equals("RoleBinding") ? SHARED_TENANT_NAMESPACE : "ai-agents");
            }
        });
    }

    private static void assertRendered(List<HasMetadata> objects, String what) {
        assertThat(objects).as(what + ": no Secret objects; secrets are referenced, never inlined")
                .noneMatch(o -> o instanceof Secret);
        for (String service : SERVICES) {
            Deployment deployment = one(objects, Deployment.class, service);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            assertThat(container.getReadinessProbe()).as(what + " " + service + " readiness").isNotNull();
            assertThat(container.getLivenessProbe()).as(what + " " + service + " liveness").isNotNull();
            // readiness: the service's own dependencies only; liveness and start-up: nothing outside the process
            assertAdminProbe(container.getReadinessProbe(), HealthChecksConfigTest.READINESS_PATH, container, service);
            assertAdminProbe(container.getLivenessProbe(), HealthChecksConfigTest.LIVENESS_PATH, container, service);
            assertAdminProbe(container.getStartupProbe(), HealthChecksConfigTest.LIVENESS_PATH, container, service);
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertRestrictedPodSecurity(pod, what + " " + service);
            assertThat(pod.getAutomountServiceAccountToken()).as(what + " " + service + ": only provisioning-service calls the API server")
                    .isEqualTo(service.equals("provisioning-service"));
            assertThat(one(objects, ServiceAccount.class, service).getAutomountServiceAccountToken())
                    .as(what + " " + service + " ServiceAccount").isEqualTo(service.equals("provisioning-service"));
            for (EnvVar env : container.getEnv()) {
                if (SECRET_NAME.matcher(env.getName()).matches()) {
                    assertThat(env.getValue()).as(what + " " + service + " " + env.getName() + " is not inlined").isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef()).as(env.getName() + " comes from a Secret").isNotNull();
                }
            }
            assertThat(one(objects, PodDisruptionBudget.class, service).getSpec().getSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/name", service);
        }
        HorizontalPodAutoscaler hpa = one(objects, HorizontalPodAutoscaler.class, "webhook-gateway");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("webhook-gateway");
        assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
        assertWorkerScalesOnItsBacklog(objects, what);
        for (String scaled : List.of("webhook-gateway", "enhancement-worker")) {
            assertThat(one(objects, Deployment.class, scaled).getSpec().getReplicas())
                    .as(scaled + ": the autoscaler owns the replica count").isNull();
        }
        for (String service : SERVICES) {
            PodSpec pod = one(objects, Deployment.class, service).getSpec().getTemplate().getSpec();
            assertThat(pod.getTopologySpreadConstraints()).as(what + " " + service + ": replicas spread over nodes")
                    .anySatisfy(c -> assertThat(c.getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
            assertThat(one(objects, io.fabric8.kubernetes.api.model.Service.class, service + "-metrics").getSpec()
                    .getPublishNotReadyAddresses()).as(what + " " + service + "-metrics scrapes not-ready pods").isTrue();
        }
        Job migration = one(objects, Job.class, "schema-migrate");
        assertThat(migration.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsExactly("db", "migrate", "/app/config/config.yml");
        assertThat(objects.stream().filter(NetworkPolicy.class::isInstance).map(o -> o.getMetadata().getName()))
                .contains("default-deny", "webhook-gateway-ingress", "tenant-service-ingress", "allow-metrics-scrape");
        assertThat(migration.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
        assertRestrictedPodSecurity(migration.getSpec().getTemplate().getSpec(), what + " schema-migrate");
        assertProvisioningRbac(one(objects, ClusterRole.class, "ai-agents-provisioning"));
        assertNoClusterWideSecretRead(objects, what);
        assertProvisioningAdmissionPolicy(objects, what);
        for (String namespace : List.of("ai-agents", SHARED_TENANT_NAMESPACE)) {
            assertThat(one(objects, Namespace.class, namespace).getMetadata().getLabels())
                    .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        }
        assertPeersReachable(objects, what);
        assertEachWorkloadGetsOnlyItsOwnSecrets(objects, what);
        assertSigningKeysFromASecret(objects, what);
    }

    /**
     * tenant-service runs more than one replica, so its token signing keys must come from a Secret, and not
     * optionally: without them each replica would sign with its own key generated at start, and the other
     * replicas (and services) could not verify its tokens (docs/people-and-access.md).
     */
    private static void assertSigningKeysFromASecret(List<HasMetadata> objects, String what) {
        Container tenantService = one(objects, Deployment.class, "tenant-service").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        EnvVar keys = tenantService.getEnv().stream().filter(e -> e.getName().equals("AUTH_SIGNING_KEYS")).findFirst()
                .orElseThrow(() -> new AssertionError(what + ": tenant-service has no AUTH_SIGNING_KEYS"));
        assertThat(keys.getValueFrom().getSecretKeyRef().getKey()).as(what + ": AUTH_SIGNING_KEYS").isEqualTo("auth-signing-keys");
        assertThat(keys.getValueFrom().getSecretKeyRef().getOptional()).as(what + ": AUTH_SIGNING_KEYS is required")
                .isNotEqualTo(Boolean.TRUE);
    }

    /**
     * The worker waits on SDP and the LLM, so CPU never tells that it is behind: KEDA scales it on
     * every waiting list plus the jobs in flight (a CPU HPA on it would fight the ScaledObject).
     */
    private static void assertWorkerScalesOnItsBacklog(List<HasMetadata> objects, String what) {
        assertThat(objects.stream().filter(HorizontalPodAutoscaler.class::isInstance)
                .map(o -> ((HorizontalPodAutoscaler) o).getSpec().getScaleTargetRef().getName()))
                .as(what + ": no CPU autoscaler on the worker").doesNotContain("enhancement-worker");
        GenericKubernetesResource scaled = objects.stream().filter(GenericKubernetesResource.class::isInstance)
                .map(GenericKubernetesResource.class::cast)
                .filter(o -> o.getKind().equals("ScaledObject") && o.getMetadata().getName().equals("enhancement-worker"))
                .findFirst().orElseThrow(() -> new AssertionError(what + ": ScaledObject enhancement-worker"));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) scaled.getAdditionalProperties().get("spec");
        assertThat(spec.get("scaleTargetRef").toString()).contains("enhancement-worker");
        assertThat((Integer) spec.get("maxReplicaCount")).isGreaterThan((Integer) spec.get("minReplicaCount"));
        String triggers = spec.get("triggers").toString();
        assertThat(triggers).as(what + ": the trigger reads the whole backlog and the jobs in flight")
                .contains("type=prometheus", "redis_queue_depth", "worker_active_tasks", "max by (queue)");
    }

    /**
     * Every peer address a service's config defaults to 127.0.0.1 (the pod itself) is set in the
     * ConfigMap; one inside the cluster is a Service of this namespace that the NetworkPolicies let
     * this service reach on that port (peer APIs, and the admin ports their health checks poll).
     */
    private static void assertPeersReachable(List<HasMetadata> objects, String what) {
        Map<String, String> config = one(objects, ConfigMap.class, "ai-agents-config").getData();
        NetworkPolicies network = new NetworkPolicies(objects);
        for (String service : SERVICES) {
            for (String variable : ServiceConfigs.loopbackUrlVariables(service)) {
                String value = config.get(variable);
                assertThat(value).as(what + ": " + service + " reads " + variable + ", which the ConfigMap must set").isNotBlank();
                URI uri = URI.create(value);
                assertThat(uri.getHost()).as(what + " " + variable).isNotIn("127.0.0.1", "localhost");
                if (uri.getHost().endsWith(IN_CLUSTER)) {
                    String peer = uri.getHost().substring(0, uri.getHost().length() - IN_CLUSTER.length());
                    assertThat(SERVICES).as(what + " " + variable + " names one of the services").contains(peer);
                    assertThat(network.allowsIngress(service, peer, uri.getPort()))
                            .as(what + ": NetworkPolicy lets " + service + " reach " + peer + ":" + uri.getPort() + " (" + variable + ")")
                            .isTrue();
                }
            }
        }
    }

    private static void assertAdminProbe(Probe probe, String path, Container container, String service) {
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        String port = probe.getHttpGet().getPort().getStrVal();
        assertThat(container.getPorts()).anyMatch(p -> p.getName().equals(port)
                && p.getContainerPort().equals(ADMIN_PORTS.get(service)));
    }

    /**
     * docs/kubernetes.md, "RBAC that provisioning-service needs": cluster-wide only namespaces, RoleBindings
     * and bind on the two tenant ClusterRoles; nothing on Secrets.
     */
    private static void assertProvisioningRbac(ClusterRole role) {
        Set<String> expected = new TreeSet<>();
        for (String resource : List.of("/namespaces", "rbac.authorization.k8s.io/rolebindings")) {
            Stream.of("get", "create", "update", "delete").forEach(verb -> expected.add(resource + ":" + verb));
        }
        expected.add("rbac.authorization.k8s.io/clusterroles:bind:" + TENANT_PROVISIONER_ROLE);
        expected.add("rbac.authorization.k8s.io/clusterroles:bind:" + TENANT_WORKLOAD_ROLE);
        assertThat(grants(role)).isEqualTo(expected);
    }

    /** No ClusterRole bound cluster-wide lets anyone get, list or watch Secrets in every namespace. */
    private static void assertNoClusterWideSecretRead(List<HasMetadata> objects, String what) {
        List<ClusterRoleBinding> bindings = objects.stream().filter(ClusterRoleBinding.class::isInstance)
                .map(ClusterRoleBinding.class::cast).toList();
        assertThat(bindings).as(what + ": ClusterRoleBindings").isNotEmpty();
        for (ClusterRoleBinding binding : bindings) {
            ClusterRole role = one(objects, ClusterRole.class, binding.getRoleRef().getName());
            assertThat(grants(role)).as(what + ": " + role.getMetadata().getName() + ", bound cluster-wide")
                    .noneMatch(grant -> grant.matches("(|\\*)/(secrets|\\*):(get|list|watch|\\*)(:.*)?"));
        }
    }

    /** The admission policy that confines provisioning-service's writes, bound and matching its ServiceAccount. */
    private static void assertProvisioningAdmissionPolicy(List<HasMetadata> objects, String what) {
        ValidatingAdmissionPolicy policy = one(objects, ValidatingAdmissionPolicy.class, "ai-agents-provisioning-scope");
        assertThat(policy.getSpec().getFailurePolicy()).isEqualTo("Fail");
        assertThat(policy.getSpec().getMatchConditions()).as(what + ": applies to provisioning-service's ServiceAccount")
                .anyMatch(c -> c.getExpression().equals(
                        "request.userInfo.username == 'system:serviceaccount:ai-agents:provisioning-service'"));
        Set<String> matched = new TreeSet<>();
        policy.getSpec().getMatchConstraints().getResourceRules().forEach(rule -> {
            assertThat(rule.getOperations()).containsExactlyInAnyOrder("CREATE", "UPDATE", "DELETE");
            rule.getApiGroups().forEach(g -> rule.getResources().forEach(r -> matched.add(g + "/" + r)));
        });
        Set<String> written = new TreeSet<>();
        for (String role : List.of("ai-agents-provisioning", TENANT_PROVISIONER_ROLE)) {
            grants(one(objects, ClusterRole.class, role)).stream().filter(g -> !g.contains(":get") && !g.contains(":bind"))
                    .forEach(g -> written.add(g.substring(0, g.indexOf(':'))));
        }
        assertThat(matched).as(what + ": the policy covers every resource provisioning-service may write").containsAll(written);
        List<String> expressions = new ArrayList<>();
        policy.getSpec().getVariables().forEach(v -> expressions.add(v.getExpression()));
        policy.getSpec().getValidations().forEach(v -> expressions.add(v.getExpression()));
        String validations = String.join("\n", expressions);
        assertThat(validations).contains("startsWith('tenant-')", "'app.kubernetes.io/managed-by'", "'ai-agents-platform'",
                "'" + SHARED_TENANT_NAMESPACE + "'", "'pod-security.kubernetes.io/enforce'", "namespaceObject");
        ValidatingAdmissionPolicyBinding binding = one(objects, ValidatingAdmissionPolicyBinding.class, "ai-agents-provisioning-scope");
        assertThat(binding.getSpec().getPolicyName()).isEqualTo(policy.getMetadata().getName());
        assertThat(binding.getSpec().getValidationActions()).containsExactly("Deny");
    }

    /**
     * Each Deployment and the migration Job reference exactly the secret keys {@link WorkloadSecrets}
     * declares for them, never a whole Secret; the database address only where there is a database role.
     */
    private static void assertEachWorkloadGetsOnlyItsOwnSecrets(List<HasMetadata> objects, String what) {
        Map<String, String> shared = one(objects, ConfigMap.class, "ai-agents-config").getData();
        assertThat(shared.keySet()).as(what + ": the ConfigMap every pod loads holds no secret and no database setting")
                .noneMatch(key -> WorkloadSecrets.SECRET_VARIABLE.matcher(key).matches());
        Map<String, PodSpec> workloads = new java.util.TreeMap<>();
        objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .forEach(d -> workloads.put(d.getMetadata().getName(), d.getSpec().getTemplate().getSpec()));
        objects.stream().filter(Job.class::isInstance).map(Job.class::cast)
                .forEach(j -> workloads.put(j.getMetadata().getName(), j.getSpec().getTemplate().getSpec()));
        assertThat(workloads.keySet()).as(what + ": every workload is declared in WorkloadSecrets")
                .isEqualTo(WorkloadSecrets.KUBERNETES.keySet());
        workloads.forEach((workload, pod) -> {
            Map<String, String> referenced = new java.util.TreeMap<>();
            Set<String> databaseUrl = new TreeSet<>();
            for (Container container : pod.getContainers()) {
                for (EnvFromSource from : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
                    assertThat(from.getSecretRef()).as(what + " " + workload + ": no whole-Secret envFrom").isNull();
                }
                for (EnvVar env : container.getEnv()) {
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("ai-agents-secrets");
                        referenced.put(env.getName(), env.getValueFrom().getSecretKeyRef().getKey());
                    } else if (env.getName().equals("DATABASE_URL")) {
                        databaseUrl.add(env.getName());
                    } else {
                        assertThat(env.getName()).as(what + " " + workload + " " + env.getName() + " is not a secret")
                                .doesNotMatch(WorkloadSecrets.SECRET_VARIABLE);
                    }
                }
            }
            assertThat(referenced).as(what + " " + workload + ": the secret keys it references")
                    .isEqualTo(new java.util.TreeMap<>(WorkloadSecrets.KUBERNETES.get(workload)));
            assertThat(databaseUrl).as(what + " " + workload + ": DATABASE_URL")
                    .hasSize(WorkloadSecrets.hasDatabase(workload) ? 1 : 0);
        });
    }

    /** What the restricted Pod Security Standard asks of a pod and its containers. */
    private static void assertRestrictedPodSecurity(PodSpec pod, String what) {
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(what).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(what).isEqualTo("RuntimeDefault");
        for (Container container : pod.getContainers()) {
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(what).isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(what).containsExactly("ALL");
        }
    }

    /** {@code <apiGroup>/<resource>:<verb>}, with {@code :<resourceName>} when the rule names its objects. */
    private static Set<String> grants(ClusterRole role) {
        Set<String> granted = new TreeSet<>();
        for (PolicyRule rule : role.getRules()) {
            List<String> names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                    ? List.of("") : rule.getResourceNames().stream().map(n -> ":" + n).toList();
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        names.forEach(name -> granted.add(group + "/" + resource + ":" + verb + name));
                    }
                }
            }
        }
        return granted;
    }

    private static void assertKustomization(Path file) {
        JsonNode kustomization = Repo.yaml(file);
        assertThat(kustomization.path("kind").asText()).isEqualTo("Kustomization");
        List<String> referenced = new ArrayList<>();
        kustomization.path("resources").forEach(r -> referenced.add(r.asText()));
        kustomization.path("patches").forEach(p -> {
            if (p.hasNonNull("path")) {
                referenced.add(p.get("path").asText());
            }
        });
        for (String reference : referenced) {
            assertThat(Files.exists(file.getParent().resolve(reference))).as(file + " refers to " + reference).isTrue();
        }
    }

    private static KubernetesResource parse(JsonNode doc, Path from) {
        assertThat(doc.hasNonNull("apiVersion") && doc.hasNonNull("kind")).as(from + ": apiVersion and kind").isTrue();
        return FABRIC8.unmarshal(doc.toString(), KubernetesResource.class);
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).toList();
        assertThat(found).as(type.getSimpleName() + " " + name).hasSize(1);
        return found.get(0);
    }
}
