package com.aiagents.platform.provisioning.kubernetes;

import com.aiagents.platform.api.Tier;
import com.aiagents.platform.api.TenantId;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the exact Kubernetes objects a tenant should have, in the order they must be created
 * (namespace first, credentials last). Pure: no I/O, same input gives equal objects.
 *
 * <ul>
 *   <li>basic: Secret {@code tenant-<id>-credentials} in the shared namespace.</li>
 *   <li>premium: Namespace {@code tenant-<id>} (enforcing the restricted Pod Security Standard),
 *       RoleBinding {@code ai-agents-provisioning} (provisioning-service's own ServiceAccount →
 *       ClusterRole {@code ai-agents-tenant-provisioner}: its rights inside this namespace, so it needs
 *       none on Secrets cluster-wide), ServiceAccount {@code tenant-<id>} (no automounted token),
 *       RoleBinding {@code tenant-workload} (the ServiceAccount → ClusterRole
 *       {@code ai-agents-tenant-workload}: get/list/watch on pods, services, configmaps), ResourceQuota
 *       {@code tenant-quota}, LimitRange {@code tenant-limits}, NetworkPolicy {@code tenant-isolation}
 *       and the credentials Secret, all in the tenant namespace.</li>
 * </ul>
 * The two ClusterRoles ship with the platform (deploy/kubernetes); provisioning-service may bind them
 * but holds none of their rights cluster-wide (RBAC escalation prevention would otherwise refuse a
 * Role it creates). Every object is labelled {@code tenant-id}, {@code tier} and
 * {@code app.kubernetes.io/managed-by: ai-agents-platform}; the Secret carries the SHA-256 of its
 * data in the annotation {@code ai-agents-platform/credentials-sha256}.
 */
public final class TenantResourcePlanner {

    /** Container defaults of the LimitRange: what a pod without explicit resources gets. */
    public static final Map<String, String> CONTAINER_DEFAULT_REQUEST = orderedMap("cpu", "100m", "memory", "128Mi");
    public static final Map<String, String> CONTAINER_DEFAULT_LIMIT = orderedMap("cpu", "500m", "memory", "512Mi");

    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
    static final String DNS_NAMESPACE = "kube-system";
    static final Map<String, String> DNS_POD_LABELS = Map.of("k8s-app", "kube-dns");
    static final int DNS_PORT = 53;
    static final int POSTGRESQL_PORT = 5432;
    static final int REDIS_PORT = 6379;
    static final int HTTPS_PORT = 443;
    static final String ANY_IPV4 = "0.0.0.0/0";

    private final KubernetesSettings settings;

    public TenantResourcePlanner(KubernetesSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public KubernetesSettings settings() {
        return settings;
    }

    /** The objects {@code tenant} should have, in creation order. */
    public List<HasMetadata> plan(TenantResources tenant) {
        TenantId tenantId = tenant.tenantId();
        Map<String, String> labels = labels(tenantId, tenant.tier());
        if (tenant.tier() == Tier.BASIC) {
            return List.of(secret(tenant, settings.sharedNamespace(), labels));
        }
        String namespace = TenantNames.namespace(tenantId);
        return List.of(
                namespace(namespace, labels),
                provisionerBinding(namespace, labels),
                serviceAccount(tenantId, namespace, labels),
                workloadBinding(tenantId, namespace, labels),
                resourceQuota(tenant.quota(), namespace, labels),
                limitRange(namespace, labels),
                networkPolicy(namespace, labels),
                secret(tenant, namespace, labels));
    }

    /**
     * The objects of {@code tier} with their names and labels but empty secret data and default
     * quota: enough to find, compare labels of, and delete what a tenant has on that tier.
     */
    List<HasMetadata> identities(TenantId tenantId, Tier tier) {
        return plan(TenantResources.of(tenantId, tier, Map.of()));
    }

    /**
     * Objects earlier releases created that a tenant must no longer have (the Role that let its
     * ServiceAccount read Secrets): {@code apply} and {@code delete} remove them when this platform owns them.
     */
    List<HasMetadata> retired(TenantId tenantId, Tier tier) {
        if (tier == Tier.BASIC) {
            return List.of();
        }
        String namespace = TenantNames.namespace(tenantId);
        Map<String, String> labels = labels(tenantId, tier);
        return List.of(
                new RoleBindingBuilder().withMetadata(meta(namespace, TenantNames.RETIRED_ROLE, labels))
                        .withNewRoleRef("rbac.authorization.k8s.io", "Role", TenantNames.RETIRED_ROLE).build(),
                new RoleBuilder().withMetadata(meta(namespace, TenantNames.RETIRED_ROLE, labels)).build());
    }

    /** The tier whose objects a tenant on {@code tier} must not have: what {@code apply} removes. */
    static Tier otherTier(Tier tier) {
        return tier == Tier.BASIC ? Tier.PREMIUM : Tier.BASIC;
    }

    static Map<String, String> labels(TenantId tenantId, Tier tier) {
        return orderedMap(
                TenantNames.TENANT_ID_LABEL, tenantId.value(),
                TenantNames.TIER_LABEL, tier.wireName(),
                TenantNames.MANAGED_BY_LABEL, TenantNames.MANAGED_BY);
    }

    private static ObjectMeta meta(String namespace, String name, Map<String, String> labels) {
        return new ObjectMetaBuilder().withNamespace(namespace).withName(name).withLabels(labels).build();
    }

    private static Namespace namespace(String namespace, Map<String, String> labels) {
        Map<String, String> withPodSecurity = new LinkedHashMap<>(labels);
        TenantNames.POD_SECURITY_LABELS.forEach(label -> withPodSecurity.put(label, TenantNames.POD_SECURITY_LEVEL));
        return new NamespaceBuilder().withMetadata(meta(null, namespace, Collections.unmodifiableMap(withPodSecurity))).build();
    }

    private static ServiceAccount serviceAccount(TenantId tenantId, String namespace, Map<String, String> labels) {
        return new ServiceAccountBuilder()
                .withMetadata(meta(namespace, TenantNames.serviceAccount(tenantId), labels))
                // pods that need the API ask for a token explicitly
                .withAutomountServiceAccountToken(false)
                .build();
    }

    private RoleBinding provisionerBinding(String namespace, Map<String, String> labels) {
        return clusterRoleBinding(namespace, TenantNames.PROVISIONER_BINDING, TenantNames.PROVISIONER_CLUSTER_ROLE,
                TenantNames.PROVISIONER_SERVICE_ACCOUNT, settings.platformNamespace(), labels);
    }

    private static RoleBinding workloadBinding(TenantId tenantId, String namespace, Map<String, String> labels) {
        return clusterRoleBinding(namespace, TenantNames.ROLE_BINDING, TenantNames.WORKLOAD_CLUSTER_ROLE,
                TenantNames.serviceAccount(tenantId), namespace, labels);
    }

    /** A RoleBinding in {@code namespace} that grants {@code clusterRole}'s rules there, and only there. */
    private static RoleBinding clusterRoleBinding(String namespace, String name, String clusterRole,
            String serviceAccount, String serviceAccountNamespace, Map<String, String> labels) {
        return new RoleBindingBuilder()
                .withMetadata(meta(namespace, name, labels))
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", clusterRole)
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName(serviceAccount)
                .withNamespace(serviceAccountNamespace)
                .endSubject()
                .build();
    }

    private static ResourceQuota resourceQuota(QuotaSpec quota, String namespace, Map<String, String> labels) {
        return new ResourceQuotaBuilder()
                .withMetadata(meta(namespace, TenantNames.RESOURCE_QUOTA, labels))
                .withNewSpec()
                .withHard(quantities(quota.hard()))
                .endSpec()
                .build();
    }

    private static LimitRange limitRange(String namespace, Map<String, String> labels) {
        return new LimitRangeBuilder()
                .withMetadata(meta(namespace, TenantNames.LIMIT_RANGE, labels))
                .withNewSpec()
                .addNewLimit()
                .withType("Container")
                .withDefaultRequest(quantities(CONTAINER_DEFAULT_REQUEST))
                .withDefault(quantities(CONTAINER_DEFAULT_LIMIT))
                .endLimit()
                .endSpec()
                .build();
    }

    /**
     * Default deny both ways, then: ingress only from the ingress controller's namespace; egress
     * only to cluster DNS (UDP and TCP 53 on kube-dns in kube-system), PostgreSQL and Redis in the
     * data namespace, and HTTPS to addresses outside the cluster's and private ranges (SDP, an LLM).
     */
    private NetworkPolicy networkPolicy(String namespace, Map<String, String> labels) {
        return new NetworkPolicyBuilder()
                .withMetadata(meta(namespace, TenantNames.NETWORK_POLICY, labels))
                .withNewSpec()
                .withPodSelector(new LabelSelector())
                .withPolicyTypes("Ingress", "Egress")
                .addNewIngress()
                .addNewFrom()
                .withNamespaceSelector(namespaceSelector(settings.ingressNamespace()))
                .endFrom()
                .endIngress()
                .withEgress(
                        new NetworkPolicyEgressRuleBuilder()
                                .addNewTo()
                                .withNamespaceSelector(namespaceSelector(DNS_NAMESPACE))
                                .withPodSelector(new LabelSelectorBuilder().withMatchLabels(DNS_POD_LABELS).build())
                                .endTo()
                                .withPorts(port("UDP", DNS_PORT), port("TCP", DNS_PORT))
                                .build(),
                        egressToNamespace(settings.dataNamespace(), POSTGRESQL_PORT, REDIS_PORT),
                        new NetworkPolicyEgressRuleBuilder()
                                .addNewTo()
                                .withNewIpBlock().withCidr(ANY_IPV4).withExcept(settings.httpsEgressExcept()).endIpBlock()
                                .endTo()
                                .withPorts(port("TCP", HTTPS_PORT))
                                .build())
                .endSpec()
                .build();
    }

    private static LabelSelector namespaceSelector(String namespace) {
        return new LabelSelectorBuilder().withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, namespace)).build();
    }

    private static NetworkPolicyEgressRule egressToNamespace(String namespace, int... tcpPorts) {
        return new NetworkPolicyEgressRuleBuilder()
                .addNewTo()
                .withNamespaceSelector(namespaceSelector(namespace))
                .endTo()
                .withPorts(Arrays.stream(tcpPorts).mapToObj(p -> port("TCP", p)).toList())
                .build();
    }

    private static NetworkPolicyPort port(String protocol, int port) {
        return new NetworkPolicyPortBuilder().withProtocol(protocol).withPort(new IntOrString(port)).build();
    }

    private static Secret secret(TenantResources tenant, String namespace, Map<String, String> labels) {
        Map<String, String> data = SecretData.encode(tenant.secretData());
        return new SecretBuilder()
                .withMetadata(new ObjectMetaBuilder(meta(namespace, TenantNames.credentialsSecret(tenant.tenantId()), labels))
                        .withAnnotations(Map.of(SecretData.HASH_ANNOTATION, SecretData.hash(data)))
                        .build())
                .withType("Opaque")
                .withData(data)
                .build();
    }

    private static Map<String, Quantity> quantities(Map<String, String> values) {
        Map<String, Quantity> quantities = new LinkedHashMap<>();
        values.forEach((key, value) -> quantities.put(key, new Quantity(value)));
        return quantities;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
