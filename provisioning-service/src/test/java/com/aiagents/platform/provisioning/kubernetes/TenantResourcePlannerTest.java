package com.aiagents.platform.provisioning.kubernetes;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.InvalidTenantIdException;
import com.aiagents.platform.api.Tier;
import static com.aiagents.platform.provisioning.kubernetes.TestTenants.SECRETS;
import static com.aiagents.platform.provisioning.kubernetes.TestTenants.amounts;
import static com.aiagents.platform.provisioning.kubernetes.TestTenants.decoded;
import static com.aiagents.platform.provisioning.kubernetes.TestTenants.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantResourcePlannerTest {

    private final TenantResourcePlanner planner = new TenantResourcePlanner(KubernetesSettings.defaults());

    @Test
    void premiumPlansEveryObjectInCreationOrderWithExactNamesAndLabels() {
        List<HasMetadata> plan = planner.plan(TenantResources.of("acme-corp", Tier.PREMIUM, SECRETS));

        assertThat(plan).extracting(ObjectRef::of).containsExactly(
                new ObjectRef("Namespace", null, "tenant-acme-corp"),
                new ObjectRef("RoleBinding", "tenant-acme-corp", "ai-agents-provisioning"),
                new ObjectRef("ServiceAccount", "tenant-acme-corp", "tenant-acme-corp"),
                new ObjectRef("RoleBinding", "tenant-acme-corp", "tenant-workload"),
                new ObjectRef("ResourceQuota", "tenant-acme-corp", "tenant-quota"),
                new ObjectRef("LimitRange", "tenant-acme-corp", "tenant-limits"),
                new ObjectRef("NetworkPolicy", "tenant-acme-corp", "tenant-isolation"),
                new ObjectRef("Secret", "tenant-acme-corp", "tenant-acme-corp-credentials"));
        assertThat(plan.subList(1, plan.size())).allSatisfy(object -> assertThat(object.getMetadata().getLabels()).containsExactly(
                Map.entry("tenant-id", "acme-corp"),
                Map.entry("tier", "premium"),
                Map.entry("app.kubernetes.io/managed-by", "ai-agents-platform")));
        assertThat(plan).allSatisfy(object -> assertThat(object.getApiVersion()).isNotBlank());
    }

    @Test
    void theTenantNamespaceEnforcesTheRestrictedPodSecurityStandard() {
        Namespace namespace = find(planner.plan(TenantResources.of("acme-corp", Tier.PREMIUM, SECRETS)), Namespace.class);

        assertThat(namespace.getMetadata().getLabels()).containsExactly(
                Map.entry("tenant-id", "acme-corp"),
                Map.entry("tier", "premium"),
                Map.entry("app.kubernetes.io/managed-by", "ai-agents-platform"),
                Map.entry("pod-security.kubernetes.io/enforce", "restricted"),
                Map.entry("pod-security.kubernetes.io/warn", "restricted"),
                Map.entry("pod-security.kubernetes.io/audit", "restricted"));
    }

    @Test
    void theTenantServiceAccountGetsNoAutomountedToken() {
        ServiceAccount account = find(planner.plan(TenantResources.of("acme", Tier.PREMIUM, SECRETS)), ServiceAccount.class);

        assertThat(account.getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void basicPlansOnlyTheSecretInTheSharedNamespace() {
        List<HasMetadata> plan = planner.plan(TenantResources.of("acme", Tier.BASIC, SECRETS));

        assertThat(plan).extracting(ObjectRef::of)
                .containsExactly(new ObjectRef("Secret", "ai-agents", "tenant-acme-credentials"));
        assertThat(plan.get(0).getMetadata().getLabels()).containsExactly(
                Map.entry("tenant-id", "acme"),
                Map.entry("tier", "basic"),
                Map.entry("app.kubernetes.io/managed-by", "ai-agents-platform"));
        assertThat(plan).noneMatch(Namespace.class::isInstance);
    }

    @Test
    void sharedAndIngressNamespacesAreConfigurable() {
        TenantResourcePlanner custom = new TenantResourcePlanner(new KubernetesSettings("platform", "traefik"));

        assertThat(custom.plan(TenantResources.of("acme", Tier.BASIC, SECRETS)).get(0).getMetadata().getNamespace())
                .isEqualTo("platform");
        NetworkPolicy policy = find(custom.plan(TenantResources.of("acme", Tier.PREMIUM, SECRETS)), NetworkPolicy.class);
        assertThat(policy.getSpec().getIngress().get(0).getFrom().get(0).getNamespaceSelector().getMatchLabels())
                .containsExactly(Map.entry("kubernetes.io/metadata.name", "traefik"));
    }

    @Test
    void quotaHasTheContractDefaults() {
        ResourceQuota quota = find(planner.plan(TenantResources.of("acme", Tier.PREMIUM, SECRETS)), ResourceQuota.class);

        assertThat(amounts(quota.getSpec().getHard())).containsExactly(
                Map.entry("requests.cpu", "4"),
                Map.entry("requests.memory", "8Gi"),
                Map.entry("limits.cpu", "8"),
                Map.entry("limits.memory", "16Gi"),
                Map.entry("pods", "10"),
                Map.entry("services", "5"),
                Map.entry("persistentvolumeclaims", "2"));
    }

    @Test
    void everyQuotaValueCanBeOverriddenPerTenant() {
        QuotaSpec quota = QuotaSpec.defaults().withOverrides(Map.of("pods", "20", "limits.memory", "32Gi"));
        ResourceQuota planned = find(planner.plan(new TenantResources(TenantId.of("acme"), Tier.PREMIUM, quota, SECRETS)),
                ResourceQuota.class);

        assertThat(amounts(planned.getSpec().getHard()))
                .containsEntry("pods", "20")
                .containsEntry("limits.memory", "32Gi")
                .containsEntry("requests.cpu", "4");
        assertThatThrownBy(() -> QuotaSpec.defaults().withOverrides(Map.of("gpus", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gpus");
        assertThatThrownBy(() -> QuotaSpec.defaults().withOverrides(Map.of("pods", "lots")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pods");
        assertThatThrownBy(() -> QuotaSpec.defaults().withOverrides(Map.of("requests.cpu", "-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void limitRangeGivesContainersDefaultsThatFitTheQuota() {
        LimitRange limits = find(planner.plan(TenantResources.of("acme", Tier.PREMIUM, SECRETS)), LimitRange.class);

        LimitRangeItem item = limits.getSpec().getLimits().get(0);
        assertThat(item.getType()).isEqualTo("Container");
        assertThat(amounts(item.getDefaultRequest())).containsExactly(Map.entry("cpu", "100m"), Map.entry("memory", "128Mi"));
        assertThat(amounts(item.getDefault())).containsExactly(Map.entry("cpu", "500m"), Map.entry("memory", "512Mi"));
        // pods (10) x the default limit stay within the default quota's limits
        QuotaSpec quota = QuotaSpec.defaults();
        assertThat(item.getDefault().get("cpu").multiply(10)).isLessThanOrEqualTo(new Quantity(quota.limitsCpu()));
        assertThat(item.getDefault().get("memory").multiply(10)).isLessThanOrEqualTo(new Quantity(quota.limitsMemory()));
    }

    @Test
    void noRoleIsCreatedTheTwoRoleBindingsNameTheShippedClusterRoles() {
        List<HasMetadata> plan = planner.plan(TenantResources.of("acme", Tier.PREMIUM, SECRETS));
        List<RoleBinding> bindings = plan.stream().filter(RoleBinding.class::isInstance).map(RoleBinding.class::cast).toList();

        assertThat(plan).noneMatch(o -> o.getKind().equals("Role") || o.getKind().equals("ClusterRole"));
        assertThat(bindings).extracting(b -> b.getMetadata().getName(), b -> b.getRoleRef().getApiGroup(),
                        b -> b.getRoleRef().getKind(), b -> b.getRoleRef().getName())
                .containsExactly(
                        tuple("ai-agents-provisioning", "rbac.authorization.k8s.io", "ClusterRole", "ai-agents-tenant-provisioner"),
                        tuple("tenant-workload", "rbac.authorization.k8s.io", "ClusterRole", "ai-agents-tenant-workload"));
        assertThat(bindings.get(0).getSubjects()).extracting(Subject::getKind, Subject::getName, Subject::getNamespace)
                .containsExactly(tuple("ServiceAccount", "provisioning-service", "ai-agents"));
        assertThat(bindings.get(1).getSubjects()).extracting(Subject::getKind, Subject::getName, Subject::getNamespace)
                .containsExactly(tuple("ServiceAccount", "tenant-acme", "tenant-acme"));
        assertThat(bindings).allSatisfy(b -> assertThat(b.getMetadata().getNamespace()).isEqualTo("tenant-acme"));
    }

    @Test
    void theRetiredSecretReadingRoleIsNamedForRemovalOnPremiumOnly() {
        assertThat(planner.retired(TenantId.of("acme"), Tier.PREMIUM)).extracting(ObjectRef::of).containsExactly(
                new ObjectRef("RoleBinding", "tenant-acme", "tenant-reader"),
                new ObjectRef("Role", "tenant-acme", "tenant-reader"));
        assertThat(planner.retired(TenantId.of("acme"), Tier.BASIC)).isEmpty();
    }

    @Test
    void networkPolicyDeniesAllButIngressControllerDnsPostgresRedisHttps() {
        NetworkPolicy policy = find(planner.plan(TenantResources.of("acme", Tier.PREMIUM, SECRETS)), NetworkPolicy.class);

        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).hasSize(1);
        assertThat(policy.getSpec().getIngress().get(0).getPorts()).isNullOrEmpty();
        assertThat(policy.getSpec().getIngress().get(0).getFrom()).singleElement().satisfies(peer -> {
            assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .containsExactly(Map.entry("kubernetes.io/metadata.name", "ingress-nginx"));
            assertThat(peer.getPodSelector()).isNull();
            assertThat(peer.getIpBlock()).isNull();
        });

        List<NetworkPolicyEgressRule> egress = policy.getSpec().getEgress();
        assertThat(egress).flatExtracting(NetworkPolicyEgressRule::getPorts)
                .extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
                .containsExactlyInAnyOrder("UDP/53", "TCP/53", "TCP/5432", "TCP/6379", "TCP/443");
        assertThat(egress).allSatisfy(rule -> assertThat(rule.getTo()).as("no egress rule open to every destination").isNotEmpty());
        NetworkPolicyEgressRule dns = egress.get(0);
        assertThat(dns.getTo()).singleElement().satisfies((NetworkPolicyPeer peer) -> {
            assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .containsExactly(Map.entry("kubernetes.io/metadata.name", "kube-system"));
            assertThat(peer.getPodSelector().getMatchLabels()).containsExactly(Map.entry("k8s-app", "kube-dns"));
        });
        NetworkPolicyEgressRule data = egress.get(1);
        assertThat(data.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(5432, 6379);
        assertThat(data.getTo()).singleElement().satisfies((NetworkPolicyPeer peer) -> {
            assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .containsExactly(Map.entry("kubernetes.io/metadata.name", "ai-agents-data"));
            assertThat(peer.getPodSelector()).isNull();
            assertThat(peer.getIpBlock()).isNull();
        });
        NetworkPolicyEgressRule https = egress.get(2);
        assertThat(https.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(443);
        assertThat(https.getTo()).singleElement().satisfies((NetworkPolicyPeer peer) -> {
            assertThat(peer.getIpBlock().getCidr()).isEqualTo("0.0.0.0/0");
            assertThat(peer.getIpBlock().getExcept()).containsExactly(
                    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10");
            assertThat(peer.getNamespaceSelector()).isNull();
        });
    }

    @Test
    void theDataNamespaceAndTheHttpsExceptionsAreConfigurable() {
        TenantResourcePlanner custom = new TenantResourcePlanner(new KubernetesSettings("platform", "traefik", "databases",
                List.of("10.0.0.0/8", "203.0.113.0/24"), "platform"));
        List<HasMetadata> plan = custom.plan(TenantResources.of("acme", Tier.PREMIUM, SECRETS));
        NetworkPolicy policy = find(plan, NetworkPolicy.class);

        assertThat(policy.getSpec().getEgress().get(1).getTo().get(0).getNamespaceSelector().getMatchLabels())
                .containsExactly(Map.entry("kubernetes.io/metadata.name", "databases"));
        assertThat(policy.getSpec().getEgress().get(2).getTo().get(0).getIpBlock().getExcept())
                .containsExactly("10.0.0.0/8", "203.0.113.0/24");
        assertThat(find(plan, RoleBinding.class).getSubjects().get(0).getNamespace()).isEqualTo("platform");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "300.0.0.0/8", "fc00::/7", "ten/8"})
    void anHttpsExceptionThatIsNotAnIpv4CidrIsRefused(String cidr) {
        assertThatThrownBy(() -> new KubernetesSettings("ai-agents", "ingress-nginx", "ai-agents-data", List.of(cidr), "ai-agents"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("httpsEgressExcept").hasMessageContaining(cidr);
    }

    @Test
    void secretHoldsTheDataBase64AndAHashAnnotationThatChangesWithTheData() {
        Secret secret = find(planner.plan(TenantResources.of("acme", Tier.PREMIUM, SECRETS)), Secret.class);
        Secret rotated = find(planner.plan(TenantResources.of("acme", Tier.PREMIUM,
                Map.of("sdp_api_key", "sk-live-rotated", "webhook_secret", "whsec-9d2e44b1-also-secret"))), Secret.class);

        assertThat(secret.getType()).isEqualTo("Opaque");
        assertThat(secret.getStringData()).isNullOrEmpty();
        assertThat(decoded(secret)).isEqualTo(SECRETS);
        String hash = secret.getMetadata().getAnnotations().get("ai-agents-platform/credentials-sha256");
        assertThat(hash).matches("[0-9a-f]{64}");
        assertThat(rotated.getMetadata().getAnnotations().get("ai-agents-platform/credentials-sha256")).isNotEqualTo(hash);
    }

    @Test
    void planIsDeterministic() {
        TenantResources tenant = TenantResources.of("acme", Tier.PREMIUM, SECRETS);

        assertThat(planner.plan(tenant)).isEqualTo(planner.plan(tenant));
        assertThat(planner.plan(tenant)).isEqualTo(planner.plan(TenantResources.of("acme", Tier.PREMIUM, new TreeMap<>(SECRETS))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Acme", "-acme", "acme-", "ac_me", "ac me", "acme.corp", "../etc",
            "a23456789012345678901234567890123456789012345678901", "dead"})
    void invalidTenantIdsAreRejectedBeforeAnyNameIsBuilt(String tenantId) {
        assertThatThrownBy(() -> TenantResources.of(tenantId, Tier.BASIC, SECRETS))
                .isInstanceOf(InvalidTenantIdException.class)
                .hasMessageStartingWith("tenant_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "7", "acme-corp", "0f8fad5b-d9cb-469f-a165-70867728950e",
            "a2345678901234567890123456789012345678901234567890"})
    void validTenantIdsAreAccepted(String tenantId) {
        assertThat(planner.plan(TenantResources.of(tenantId, Tier.PREMIUM, SECRETS)).get(0).getMetadata().getName())
                .isEqualTo("tenant-" + tenantId);
    }

    @Test
    void toStringShowsSecretKeysButNeverValues() {
        String text = TenantResources.of("acme", Tier.PREMIUM, SECRETS).toString();

        assertThat(text).contains("acme", "sdp_api_key", "webhook_secret");
        SECRETS.values().forEach(value -> assertThat(text).doesNotContain(value));
    }

    @Test
    void invalidSecretKeysAreRejectedWithoutShowingValues() {
        assertThatThrownBy(() -> TenantResources.of("acme", Tier.BASIC, Map.of("bad key", "hunter2-value")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad key")
                .hasMessageNotContaining("hunter2-value");
    }
}
