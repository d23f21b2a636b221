package com.aiagents.platform.provisioning.kubernetes;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.Tier;
import static com.aiagents.platform.provisioning.kubernetes.TestTenants.SECRETS;
import static com.aiagents.platform.provisioning.kubernetes.TestTenants.amounts;
import static com.aiagents.platform.provisioning.kubernetes.TestTenants.assertNoSecretIn;
import static com.aiagents.platform.provisioning.kubernetes.TestTenants.base64;
import static com.aiagents.platform.provisioning.kubernetes.TestTenants.decoded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.aiagents.platform.provisioning.kubernetes.ApplyResult.Action;
import com.aiagents.platform.provisioning.kubernetes.ObjectStatus.State;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusterKubernetesProvisionerTest {

    private static final TenantResources PREMIUM = TenantResources.of("acme", Tier.PREMIUM, SECRETS);
    private static final TenantResources BASIC = PREMIUM.withTier(Tier.BASIC);
    private static final String NS = "tenant-acme";

    private MockCluster cluster;
    private KubernetesClient client;
    private ClusterKubernetesProvisioner provisioner;

    @BeforeEach
    void startCluster() {
        cluster = new MockCluster();
        client = cluster.client();
        provisioner = new ClusterKubernetesProvisioner(client, new TenantResourcePlanner(KubernetesSettings.defaults()));
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void premiumGetsEveryObjectWithExactNamesLabelsAndQuota() {
        ApplyResult result = provisioner.apply(PREMIUM);

        assertThat(result.changes()).hasSize(8).allSatisfy(c -> assertThat(c.action()).isEqualTo(Action.CREATED));
        Namespace namespace = client.namespaces().withName(NS).get();
        assertThat(namespace.getMetadata().getLabels())
                .containsEntry("tenant-id", "acme")
                .containsEntry("tier", "premium")
                .containsEntry("app.kubernetes.io/managed-by", "ai-agents-platform");
        ServiceAccount account = client.serviceAccounts().inNamespace(NS).withName("tenant-acme").get();
        RoleBinding provisioning = client.rbac().roleBindings().inNamespace(NS).withName("ai-agents-provisioning").get();
        RoleBinding binding = client.rbac().roleBindings().inNamespace(NS).withName("tenant-workload").get();
        NetworkPolicy policy = client.network().v1().networkPolicies().inNamespace(NS).withName("tenant-isolation").get();
        ResourceQuota quota = client.resourceQuotas().inNamespace(NS).withName("tenant-quota").get();
        LimitRange limits = client.limitRanges().inNamespace(NS).withName("tenant-limits").get();
        Secret secret = client.secrets().inNamespace(NS).withName("tenant-acme-credentials").get();
        for (HasMetadata object : List.of(namespace, account, provisioning, binding, policy, quota, limits, secret)) {
            assertThat(object.getMetadata().getLabels()).as(object.getKind())
                    .containsEntry("tenant-id", "acme")
                    .containsEntry("tier", "premium")
                    .containsEntry("app.kubernetes.io/managed-by", "ai-agents-platform");
        }
        assertThat(namespace.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        assertThat(account.getAutomountServiceAccountToken()).isFalse();
        assertThat(client.rbac().roles().inAnyNamespace().list().getItems()).as("no Role: the binding names a ClusterRole").isEmpty();
        assertThat(binding.getRoleRef().getName()).isEqualTo("ai-agents-tenant-workload");
        assertThat(binding.getSubjects().get(0).getName()).isEqualTo("tenant-acme");
        assertThat(provisioning.getRoleRef().getName()).isEqualTo("ai-agents-tenant-provisioner");
        assertThat(provisioning.getSubjects().get(0).getName()).isEqualTo("provisioning-service");
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(amounts(quota.getSpec().getHard())).containsExactly(
                Map.entry("requests.cpu", "4"), Map.entry("requests.memory", "8Gi"),
                Map.entry("limits.cpu", "8"), Map.entry("limits.memory", "16Gi"),
                Map.entry("pods", "10"), Map.entry("services", "5"), Map.entry("persistentvolumeclaims", "2"));
        assertThat(limits.getSpec().getLimits().get(0).getDefault()).containsKeys("cpu", "memory");
        assertThat(decoded(secret)).isEqualTo(SECRETS);
        assertThat(client.secrets().inNamespace("ai-agents").list().getItems()).isEmpty();
        assertThat(provisioner.status(PREMIUM).converged()).isTrue();
    }

    @Test
    void basicGetsOnlyTheSharedNamespaceSecretAndNoNamespace() {
        ApplyResult result = provisioner.apply(BASIC);

        assertThat(result.changes()).extracting(ApplyResult.Change::ref)
                .containsExactly(new ObjectRef("Secret", "ai-agents", "tenant-acme-credentials"));
        Secret secret = client.secrets().inNamespace("ai-agents").withName("tenant-acme-credentials").get();
        assertThat(secret.getMetadata().getLabels()).containsExactly(
                Map.entry("tenant-id", "acme"), Map.entry("tier", "basic"),
                Map.entry("app.kubernetes.io/managed-by", "ai-agents-platform"));
        assertThat(decoded(secret)).isEqualTo(SECRETS);
        assertThat(client.namespaces().list().getItems()).isEmpty();
        assertThat(everythingOf("acme")).containsExactly(new ObjectRef("Secret", "ai-agents", "tenant-acme-credentials"));
    }

    @Test
    void applyingTwiceChangesNothing() {
        provisioner.apply(PREMIUM);
        Map<ObjectRef, String> before = snapshot();

        ApplyResult again = provisioner.apply(PREMIUM);

        assertThat(again.changed()).isFalse();
        assertThat(again.changes()).hasSize(8).allSatisfy(c -> assertThat(c.action()).isEqualTo(Action.UNCHANGED));
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void quotaChangedOutOfBandIsReportedAndRepaired() {
        provisioner.apply(PREMIUM);
        client.resourceQuotas().inNamespace(NS).withName("tenant-quota")
                .edit(q -> {
                    q.getSpec().getHard().put("pods", new Quantity("50"));
                    q.getSpec().getHard().remove("services");
                    return q;
                });

        ResourceStatus status = provisioner.status(PREMIUM);

        assertThat(status.converged()).isFalse();
        assertThat(status.problems()).singleElement().satisfies(o -> {
            assertThat(o.ref()).isEqualTo(new ObjectRef("ResourceQuota", NS, "tenant-quota"));
            assertThat(o.state()).isEqualTo(State.DRIFTED);
            assertThat(o.differences()).containsExactlyInAnyOrder(
                    "spec.hard.pods: desired 10, actual 50", "spec.hard.services: desired 5, actual absent");
        });

        ApplyResult repair = provisioner.apply(PREMIUM);

        assertThat(actionsByKind(repair)).containsEntry("ResourceQuota", Action.UPDATED)
                .containsEntry("NetworkPolicy", Action.UNCHANGED).containsEntry("Secret", Action.UNCHANGED);
        assertThat(amounts(client.resourceQuotas().inNamespace(NS).withName("tenant-quota").get().getSpec().getHard()))
                .containsEntry("pods", "10").containsEntry("services", "5");
        assertThat(provisioner.status(PREMIUM).converged()).isTrue();
    }

    @Test
    void equalQuantitiesInAnotherNotationAreNotDrift() {
        provisioner.apply(PREMIUM);
        client.resourceQuotas().inNamespace(NS).withName("tenant-quota")
                .edit(q -> {
                    q.getSpec().getHard().put("requests.memory", new Quantity("8192Mi"));
                    q.getSpec().getHard().put("requests.cpu", new Quantity("4000m"));
                    return q;
                });

        assertThat(provisioner.status(PREMIUM).converged()).isTrue();
    }

    @Test
    void aChangedQuotaSettingIsUpdated() {
        provisioner.apply(PREMIUM);
        TenantResources bigger = new TenantResources(TenantId.of("acme"), Tier.PREMIUM,
                QuotaSpec.defaults().withOverrides(Map.of("pods", "20", "limits.memory", "32Gi")), SECRETS);

        assertThat(provisioner.status(bigger).problems()).extracting(o -> o.ref().kind()).containsExactly("ResourceQuota");
        ApplyResult result = provisioner.apply(bigger);

        assertThat(actionsByKind(result)).containsEntry("ResourceQuota", Action.UPDATED);
        assertThat(amounts(client.resourceQuotas().inNamespace(NS).withName("tenant-quota").get().getSpec().getHard()))
                .containsEntry("pods", "20").containsEntry("limits.memory", "32Gi").containsEntry("requests.cpu", "4");
    }

    @Test
    void deletedNetworkPolicyIsReportedMissingAndRecreated() {
        provisioner.apply(PREMIUM);
        client.network().v1().networkPolicies().inNamespace(NS).withName("tenant-isolation").delete();

        assertThat(provisioner.status(PREMIUM).problems()).singleElement().satisfies(o -> {
            assertThat(o.ref()).isEqualTo(new ObjectRef("NetworkPolicy", NS, "tenant-isolation"));
            assertThat(o.state()).isEqualTo(State.MISSING);
        });

        assertThat(actionsByKind(provisioner.apply(PREMIUM))).containsEntry("NetworkPolicy", Action.CREATED);
        assertThat(client.network().v1().networkPolicies().inNamespace(NS).withName("tenant-isolation").get()
                .getSpec().getEgress()).hasSize(3);
        assertThat(provisioner.status(PREMIUM).converged()).isTrue();
    }

    @Test
    void editedNetworkPolicySpecIsReportedAndRestored() {
        provisioner.apply(PREMIUM);
        client.network().v1().networkPolicies().inNamespace(NS).withName("tenant-isolation")
                .edit(p -> {
                    p.getSpec().getEgress().remove(2);
                    return p;
                });

        ObjectStatus drifted = provisioner.status(PREMIUM).problems().get(0);
        assertThat(drifted.state()).isEqualTo(State.DRIFTED);
        assertThat(drifted.differences()).singleElement().asString().startsWith("spec.egress: desired");

        provisioner.apply(PREMIUM);
        assertThat(client.network().v1().networkPolicies().inNamespace(NS).withName("tenant-isolation").get()
                .getSpec().getEgress()).hasSize(3);
    }

    @Test
    void anAutomountedTokenTurnedOnOutOfBandIsReportedAndTurnedOff() {
        provisioner.apply(PREMIUM);
        client.serviceAccounts().inNamespace(NS).withName("tenant-acme").edit(sa -> {
            sa.setAutomountServiceAccountToken(true);
            return sa;
        });

        assertThat(provisioner.status(PREMIUM).problems()).singleElement()
                .satisfies(o -> assertThat(o.differences()).containsExactly("automountServiceAccountToken: desired false, actual true"));

        provisioner.apply(PREMIUM);
        assertThat(client.serviceAccounts().inNamespace(NS).withName("tenant-acme").get().getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void theSecretReadingRoleOfEarlierReleasesIsRemovedByTheNextApply() {
        provisioner.apply(PREMIUM);
        Map<String, String> labels = Map.of("tenant-id", "acme", "tier", "premium", "app.kubernetes.io/managed-by", "ai-agents-platform");
        client.rbac().roles().inNamespace(NS).resource(new RoleBuilder()
                .withNewMetadata().withName("tenant-reader").withLabels(labels).endMetadata()
                .addNewRule().withApiGroups("").withResources("secrets").withVerbs("get", "list", "watch").endRule().build()).create();
        client.rbac().roleBindings().inNamespace(NS).resource(new RoleBindingBuilder()
                .withNewMetadata().withName("tenant-reader").withLabels(labels).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "tenant-reader")
                .addNewSubject().withKind("ServiceAccount").withName("tenant-acme").withNamespace(NS).endSubject().build()).create();

        assertThat(provisioner.status(PREMIUM).problems()).extracting(ObjectStatus::ref, ObjectStatus::state).containsExactly(
                tuple(new ObjectRef("RoleBinding", NS, "tenant-reader"), State.LEFTOVER),
                tuple(new ObjectRef("Role", NS, "tenant-reader"), State.LEFTOVER));
        ApplyResult result = provisioner.apply(PREMIUM);

        assertThat(result.changes()).filteredOn(c -> c.action() == Action.DELETED).extracting(ApplyResult.Change::ref)
                .containsExactly(new ObjectRef("RoleBinding", NS, "tenant-reader"), new ObjectRef("Role", NS, "tenant-reader"));
        assertThat(client.rbac().roles().inNamespace(NS).withName("tenant-reader").get()).isNull();
        assertThat(client.rbac().roleBindings().inNamespace(NS).withName("tenant-reader").get()).isNull();
        assertThat(provisioner.status(PREMIUM).converged()).isTrue();
    }

    @Test
    void aForbiddenAnswerJustAfterItsOwnBindingWasCreatedIsRetriedWhileRbacPropagates() {
        // the API server's authorizer learns of the new RoleBinding a moment after it was stored
        cluster.server().expect().post().withPath("/api/v1/namespaces/" + NS + "/serviceaccounts")
                .andReturn(403, forbidden()).once();

        ApplyResult result = provisioner.apply(PREMIUM);

        assertThat(result.changes()).hasSize(8).allSatisfy(c -> assertThat(c.action()).isEqualTo(Action.CREATED));
        assertThat(client.serviceAccounts().inNamespace(NS).withName("tenant-acme").get()).isNotNull();
    }

    @Test
    void aForbiddenAnswerIsNotRetriedWhenTheBindingWasAlreadyThere() {
        provisioner.apply(PREMIUM);
        client.network().v1().networkPolicies().inNamespace(NS).withName("tenant-isolation").delete();
        cluster.server().expect().post().withPath("/apis/networking.k8s.io/v1/namespaces/" + NS + "/networkpolicies")
                .andReturn(403, forbidden()).once();

        assertThatThrownBy(() -> provisioner.apply(PREMIUM))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageStartingWith("create NetworkPolicy tenant-acme/tenant-isolation for tenant acme failed with HTTP 403");
    }

    @Test
    void objectsOfATenantNamespaceThatDoesNotExistAreNotAskedFor() {
        // without the namespace there is no RoleBinding granting reads inside it: the real API server answers 403
        for (String path : List.of("/api/v1/namespaces/" + NS + "/secrets/tenant-acme-credentials",
                "/api/v1/namespaces/" + NS + "/serviceaccounts/tenant-acme",
                "/apis/rbac.authorization.k8s.io/v1/namespaces/" + NS + "/rolebindings/ai-agents-provisioning")) {
            cluster.server().expect().get().withPath(path).andReturn(403, forbidden()).always();
        }
        provisioner.apply(BASIC);

        assertThat(provisioner.status(BASIC).converged()).isTrue();
        assertThat(provisioner.status(PREMIUM).objects()).allSatisfy(o -> assertThat(o.state()).isNotEqualTo(State.PRESENT));
        assertThat(provisioner.delete(TenantId.of("acme"))).containsExactly(new ObjectRef("Secret", "ai-agents", "tenant-acme-credentials"));
    }

    @Test
    void labelDriftIsRepairedAndOtherLabelsAreKept() {
        provisioner.apply(PREMIUM);
        client.serviceAccounts().inNamespace(NS).withName("tenant-acme").edit(sa -> {
            sa.getMetadata().getLabels().put("tier", "basic");
            sa.getMetadata().getLabels().put("team", "payments");
            return sa;
        });

        assertThat(provisioner.status(PREMIUM).problems()).singleElement()
                .satisfies(o -> assertThat(o.differences()).containsExactly("metadata.labels.tier: desired premium, actual basic"));

        provisioner.apply(PREMIUM);
        assertThat(client.serviceAccounts().inNamespace(NS).withName("tenant-acme").get().getMetadata().getLabels())
                .containsEntry("tier", "premium").containsEntry("team", "payments");
    }

    @Test
    void secretDataChangedOutOfBandIsReportedWithoutValuesAndRestored() {
        provisioner.apply(PREMIUM);
        String tampered = "tampered-value-4711";
        client.secrets().inNamespace(NS).withName("tenant-acme-credentials").edit(s -> {
            s.getData().put("sdp_api_key", base64(tampered));
            return s;
        });

        ObjectStatus drifted = provisioner.status(PREMIUM).problems().get(0);

        assertThat(drifted.ref().kind()).isEqualTo("Secret");
        assertThat(drifted.state()).isEqualTo(State.DRIFTED);
        assertThat(drifted.differences()).containsExactly("data: differs from desired (values not shown)");
        assertNoSecretIn(drifted.toString(), tampered);

        provisioner.apply(PREMIUM);
        assertThat(decoded(client.secrets().inNamespace(NS).withName("tenant-acme-credentials").get())).isEqualTo(SECRETS);
    }

    @Test
    void rotatedCredentialsUpdateTheSecretAndItsHash() {
        provisioner.apply(BASIC);
        Map<String, String> rotated = Map.of("sdp_api_key", "sk-live-rotated-0001", "webhook_secret", "whsec-rotated-0002");
        TenantResources rotatedTenant = TenantResources.of("acme", Tier.BASIC, rotated);

        assertThat(provisioner.status(rotatedTenant).problems()).singleElement().satisfies(o -> assertThat(o.differences())
                .containsExactly("metadata.annotations.ai-agents-platform/credentials-sha256: differs from desired",
                        "data: differs from desired (values not shown)"));
        assertThat(actionsByKind(provisioner.apply(rotatedTenant))).containsEntry("Secret", Action.UPDATED);

        assertThat(decoded(client.secrets().inNamespace("ai-agents").withName("tenant-acme-credentials").get()))
                .isEqualTo(rotated);
        assertThat(provisioner.status(rotatedTenant).converged()).isTrue();
    }

    @Test
    void deleteRemovesEverythingItCreatedAndNothingElse() {
        provisioner.apply(PREMIUM);
        provisioner.apply(TenantResources.of("globex", Tier.BASIC, Map.of("sdp_api_key", "globex-key")));
        client.configMaps().inNamespace("ai-agents").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("platform-settings").endMetadata()
                .addToData("log_level", "info").build()).create();

        List<ObjectRef> deleted = provisioner.delete(TenantId.of("acme"));

        assertThat(deleted).hasSize(8).contains(new ObjectRef("Namespace", null, NS));
        assertThat(everythingOf("acme")).isEmpty();
        assertThat(client.namespaces().withName(NS).get()).isNull();
        assertThat(client.secrets().inNamespace("ai-agents").withName("tenant-globex-credentials").get()).isNotNull();
        assertThat(client.configMaps().inNamespace("ai-agents").withName("platform-settings").get()).isNotNull();
        assertThat(provisioner.delete(TenantId.of("acme"))).as("already gone is fine").isEmpty();
    }

    @Test
    void deleteLeavesAnObjectWithTheTenantsNameThatThisPlatformDidNotCreate() {
        client.secrets().inNamespace("ai-agents").resource(new SecretBuilder()
                .withNewMetadata().withName("tenant-initech-credentials").addToLabels("tenant-id", "initech").endMetadata()
                .addToData("token", base64("hand-made")).build()).create();

        assertThat(provisioner.delete(TenantId.of("initech"))).isEmpty();
        assertThat(client.secrets().inNamespace("ai-agents").withName("tenant-initech-credentials").get()).isNotNull();
    }

    @Test
    void tierChangeBasicToPremiumToBasicMovesTheTenantCleanly() {
        provisioner.apply(BASIC);

        ApplyResult upgrade = provisioner.apply(PREMIUM);

        assertThat(upgrade.changes()).last().isEqualTo(new ApplyResult.Change(
                new ObjectRef("Secret", "ai-agents", "tenant-acme-credentials"), Action.DELETED));
        assertThat(everythingOf("acme")).containsExactlyInAnyOrderElementsOf(refs(PREMIUM));
        assertThat(provisioner.status(PREMIUM).converged()).isTrue();
        assertThat(provisioner.status(BASIC).objects()).extracting(ObjectStatus::state).contains(State.MISSING, State.LEFTOVER);

        ApplyResult downgrade = provisioner.apply(BASIC);

        assertThat(downgrade.changes()).first().isEqualTo(new ApplyResult.Change(
                new ObjectRef("Secret", "ai-agents", "tenant-acme-credentials"), Action.CREATED));
        assertThat(downgrade.changes()).last().isEqualTo(new ApplyResult.Change(new ObjectRef("Namespace", null, NS), Action.DELETED));
        assertThat(everythingOf("acme")).containsExactly(new ObjectRef("Secret", "ai-agents", "tenant-acme-credentials"));
        assertThat(client.namespaces().list().getItems()).isEmpty();
        assertThat(client.secrets().inNamespace("ai-agents").withName("tenant-acme-credentials").get()
                .getMetadata().getLabels()).containsEntry("tier", "basic");
        assertThat(provisioner.status(BASIC).converged()).isTrue();
        assertThat(provisioner.apply(BASIC).changed()).isFalse();
    }

    @Test
    void statusOfTheOtherTierListsLeftovers() {
        provisioner.apply(PREMIUM);

        ResourceStatus status = provisioner.status(BASIC);

        assertThat(status.objects().get(0)).isEqualTo(new ObjectStatus(
                new ObjectRef("Secret", "ai-agents", "tenant-acme-credentials"), State.MISSING, List.of()));
        assertThat(status.objects().subList(1, status.objects().size()))
                .allSatisfy(o -> assertThat(o.state()).isEqualTo(State.LEFTOVER))
                .extracting(ObjectStatus::ref).containsExactlyInAnyOrderElementsOf(refs(PREMIUM));
    }

    @Test
    void logsOneLinePerObjectWithTenantKindAndNameButNoSecretValue() {
        List<String> lines;
        try (LogCapture logs = new LogCapture()) {
            provisioner.apply(PREMIUM);
            client.secrets().inNamespace(NS).withName("tenant-acme-credentials").edit(s -> {
                s.getData().put("webhook_secret", base64("tampered-value-0815"));
                return s;
            });
            provisioner.apply(PREMIUM);
            provisioner.delete(TenantId.of("acme"));
            lines = logs.lines();
        }

        assertThat(lines).hasSize(8 + 8 + 8);
        assertThat(lines).allSatisfy(line -> assertThat(line).contains("tenant_id=acme", "kind=", "name="));
        assertThat(lines).filteredOn(l -> l.startsWith("kubernetes object created")).hasSize(8);
        assertThat(lines).filteredOn(l -> l.startsWith("kubernetes object deleted")).hasSize(8);
        assertThat(lines).filteredOn(l -> l.startsWith("kubernetes object updated")).singleElement().asString()
                .contains("kind=Secret", "fields=[data]");
        lines.forEach(line -> assertNoSecretIn(line, "tampered-value-0815"));
    }

    private static Status forbidden() {
        return new StatusBuilder().withStatus("Failure").withReason("Forbidden").withCode(403)
                .withMessage("forbidden: User \"system:serviceaccount:ai-agents:provisioning-service\" cannot do this").build();
    }

    private static List<ObjectRef> refs(TenantResources tenant) {
        return new TenantResourcePlanner(KubernetesSettings.defaults()).plan(tenant).stream().map(ObjectRef::of).toList();
    }

    private static Map<String, Action> actionsByKind(ApplyResult result) {
        Map<String, Action> actions = new LinkedHashMap<>();
        result.changes().forEach(c -> actions.put(c.ref().kind(), c.action()));
        return actions;
    }

    /** Every object of the kinds we create, anywhere in the cluster, labelled with this tenant id. */
    private List<ObjectRef> everythingOf(String tenantId) {
        return Stream.of(
                        client.namespaces().withLabel("tenant-id", tenantId).list().getItems(),
                        client.serviceAccounts().inAnyNamespace().withLabel("tenant-id", tenantId).list().getItems(),
                        client.rbac().roles().inAnyNamespace().withLabel("tenant-id", tenantId).list().getItems(),
                        client.rbac().roleBindings().inAnyNamespace().withLabel("tenant-id", tenantId).list().getItems(),
                        client.resourceQuotas().inAnyNamespace().withLabel("tenant-id", tenantId).list().getItems(),
                        client.limitRanges().inAnyNamespace().withLabel("tenant-id", tenantId).list().getItems(),
                        client.network().v1().networkPolicies().inAnyNamespace().withLabel("tenant-id", tenantId).list().getItems(),
                        client.secrets().inAnyNamespace().withLabel("tenant-id", tenantId).list().getItems())
                .flatMap(List::stream)
                .map(o -> (HasMetadata) o)
                .map(ObjectRef::of)
                .toList();
    }

    /** Every object of the tenant, as the server returns it (resourceVersion included). */
    private Map<ObjectRef, String> snapshot() {
        Map<ObjectRef, String> objects = new LinkedHashMap<>();
        for (HasMetadata planned : new TenantResourcePlanner(KubernetesSettings.defaults()).plan(PREMIUM)) {
            HasMetadata live = client.resource(planned).get();
            assertThat(live.getMetadata().getResourceVersion()).isNotBlank();
            objects.put(ObjectRef.of(planned), client.getKubernetesSerialization().asJson(live));
        }
        return objects;
    }
}
