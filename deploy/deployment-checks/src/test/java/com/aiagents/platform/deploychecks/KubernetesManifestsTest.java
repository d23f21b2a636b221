package com.aiagents.platform.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
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
            "provisioning-service", "gates-runner");
    private static final Map<String, Integer> ADMIN_PORTS = Map.of("tenant-service", 9081, "webhook-gateway", 9080,
            "enhancement-worker", 9082, "provisioning-service", 9083, "gates-runner", 9084);
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|SECRET|_KEY)$");
    private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();
    private static final String IN_CLUSTER = ".ai-agents.svc.cluster.local";

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
                assertThat(parsed).as(file + ": " + doc.path("kind").asText() + " is a kind fabric8 knows")
                        .isNotInstanceOf(GenericKubernetesResource.class);
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
        Optional<ExternalTool> kubectl = ExternalTool.find("kubectl", "KUBECTL");
        if (kubectl.isEmpty()) {
            // Without kubectl the overlays' own documents are still parsed by the test above.
            LOG.log(System.Logger.Level.WARNING, "kubectl not installed: overlay {0} not rendered", overlay);
            return;
        }
        ExternalTool.Outcome rendered = kubectl.get().run(Repo.ROOT, "kustomize",
                "deploy/kubernetes/overlays/" + overlay);
        assertThat(rendered.exitCode()).as(rendered.printed()).isZero();
        String yaml = rendered.printed().substring(rendered.printed().indexOf('\n') + 1);
        List<HasMetadata> objects = Repo.yamlDocuments(yaml).stream()
                .map(doc -> (HasMetadata) parse(doc, Path.of("overlays", overlay))).toList();
        assertRendered(objects, overlay);
        assertThat(objects).allSatisfy(o -> {
            if (o.getMetadata().getNamespace() != null) {
                assertThat(o.getMetadata().getNamespace()).isEqualTo("ai-agents");
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
            assertAdminProbe(container.getReadinessProbe(), "/healthcheck", container, service);
            assertAdminProbe(container.getLivenessProbe(), "/ping", container, service);
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            for (EnvVar env : container.getEnv()) {
                if (SECRET_NAME.matcher(env.getName()).matches()) {
                    assertThat(env.getValue()).as(what + " " + service + " " + env.getName() + " is not inlined").isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef()).as(env.getName() + " comes from a Secret").isNotNull();
                }
            }
            assertThat(one(objects, PodDisruptionBudget.class, service).getSpec().getSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/name", service);
        }
        for (String scaled : List.of("webhook-gateway", "enhancement-worker")) {
            HorizontalPodAutoscaler hpa = one(objects, HorizontalPodAutoscaler.class, scaled);
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(scaled);
            assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
            assertThat(one(objects, Deployment.class, scaled).getSpec().getReplicas())
                    .as(scaled + ": the HPA owns the replica count").isNull();
        }
        Job migration = one(objects, Job.class, "schema-migrate");
        assertThat(migration.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsExactly("db", "migrate", "/app/config.yml");
        assertThat(objects.stream().filter(NetworkPolicy.class::isInstance).map(o -> o.getMetadata().getName()))
                .contains("default-deny", "webhook-gateway-ingress", "tenant-service-ingress", "allow-metrics-scrape");
        assertProvisioningRbac(one(objects, ClusterRole.class, "ai-agents-provisioning"));
        assertPeersReachable(objects, what);
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

    /** docs/kubernetes.md, "RBAC that provisioning-service needs": these verbs and no others. */
    private static void assertProvisioningRbac(ClusterRole role) {
        Set<String> granted = new TreeSet<>();
        for (PolicyRule rule : role.getRules()) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        granted.add(group + "/" + resource + ":" + verb);
                    }
                }
            }
        }
        Set<String> expected = new TreeSet<>();
        for (String resource : List.of("/namespaces", "/secrets", "/serviceaccounts", "/resourcequotas", "/limitranges",
                "rbac.authorization.k8s.io/roles", "rbac.authorization.k8s.io/rolebindings",
                "networking.k8s.io/networkpolicies")) {
            Stream.of("get", "create", "update", "delete").forEach(verb -> expected.add(resource + ":" + verb));
        }
        for (String resource : List.of("/pods", "/services", "/configmaps", "/secrets")) {
            Stream.of("get", "list", "watch").forEach(verb -> expected.add(resource + ":" + verb));
        }
        assertThat(granted).isEqualTo(expected);
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
