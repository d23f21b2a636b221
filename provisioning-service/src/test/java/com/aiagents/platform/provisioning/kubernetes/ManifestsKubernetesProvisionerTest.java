package com.aiagents.platform.provisioning.kubernetes;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.Tier;
import static com.aiagents.platform.provisioning.kubernetes.TestTenants.SECRETS;
import static com.aiagents.platform.provisioning.kubernetes.TestTenants.assertNoSecretIn;
import static com.aiagents.platform.provisioning.kubernetes.TestTenants.base64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.aiagents.platform.provisioning.kubernetes.ApplyResult.Action;
import com.aiagents.platform.provisioning.kubernetes.ObjectStatus.State;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestsKubernetesProvisionerTest {

    private static final TenantResources PREMIUM = TenantResources.of("acme", Tier.PREMIUM, SECRETS);
    private static final TenantResources BASIC = PREMIUM.withTier(Tier.BASIC);
    private static final TenantResourcePlanner PLANNER = new TenantResourcePlanner(KubernetesSettings.defaults());

    @TempDir
    Path root;

    private ManifestsKubernetesProvisioner provisioner(boolean includeSecretValues) {
        return new ManifestsKubernetesProvisioner(root, PLANNER, includeSecretValues);
    }

    @Test
    void writesOneFilePerObjectNamedByPlaceKindAndName() throws IOException {
        ApplyResult result = provisioner(true).apply(PREMIUM);

        assertThat(fileNames(root.resolve("acme"))).containsExactly(
                "01-namespace-tenant-acme.yaml",
                "02-rolebinding-ai-agents-provisioning.yaml",
                "03-serviceaccount-tenant-acme.yaml",
                "04-rolebinding-tenant-workload.yaml",
                "05-resourcequota-tenant-quota.yaml",
                "06-limitrange-tenant-limits.yaml",
                "07-networkpolicy-tenant-isolation.yaml",
                "08-secret-tenant-acme-credentials.yaml");
        assertThat(result.changes()).hasSize(8).allSatisfy(c -> assertThat(c.action()).isEqualTo(Action.CREATED));
    }

    @Test
    @SuppressWarnings("deprecation") // Serialization's static methods: what GitOps tooling built on fabric8 reads with
    void everyFileParsesWithFabric8IntoThePlannedObject() throws IOException {
        provisioner(true).apply(PREMIUM);
        List<HasMetadata> plan = PLANNER.plan(PREMIUM);

        List<Path> files = files(root.resolve("acme"));
        assertThat(files).hasSameSizeAs(plan);
        for (int i = 0; i < files.size(); i++) {
            try (InputStream in = Files.newInputStream(files.get(i))) {
                Object parsed = Serialization.unmarshal(in);
                assertThat(parsed).as(files.get(i).toString())
                        .isInstanceOf(plan.get(i).getClass())
                        .isEqualTo(plan.get(i));
            }
        }
    }

    @Test
    void filesAreByteStableAcrossRunsAndInstancesAndNotRewritten() throws IOException {
        provisioner(true).apply(PREMIUM);
        Map<String, byte[]> first = contents(root.resolve("acme"));
        for (Path file : files(root.resolve("acme"))) {
            Files.setLastModifiedTime(file, FileTime.fromMillis(0));
        }

        ApplyResult again = provisioner(true).apply(PREMIUM);

        assertThat(again.changed()).isFalse();
        assertThat(contents(root.resolve("acme"))).containsExactlyEntriesOf(first);
        for (Path file : files(root.resolve("acme"))) {
            assertThat(Files.getLastModifiedTime(file).toMillis()).as("%s not rewritten", file).isZero();
        }

        Path elsewhere = root.resolve("elsewhere");
        new ManifestsKubernetesProvisioner(elsewhere, new TenantResourcePlanner(KubernetesSettings.defaults()), true)
                .apply(TenantResources.of("acme", Tier.PREMIUM, new LinkedHashMap<>(SECRETS)));
        assertThat(contents(elsewhere.resolve("acme"))).containsExactlyEntriesOf(first);
        assertThat(new String(first.get("05-resourcequota-tenant-quota.yaml"), StandardCharsets.UTF_8))
                .doesNotContainPattern("(?i)creationTimestamp|resourceVersion|uid:");
    }

    @Test
    void secretValuesAreNotWrittenByDefault() throws IOException {
        ApplyResult result = provisioner(false).apply(PREMIUM);

        assertThat(fileNames(root.resolve("acme"))).hasSize(7).noneMatch(name -> name.contains("secret"));
        assertThat(result.changes()).extracting(c -> c.ref().kind()).doesNotContain("Secret");
        for (byte[] content : contents(root.resolve("acme")).values()) {
            assertNoSecretIn(new String(content, StandardCharsets.UTF_8));
        }
        ResourceStatus status = provisioner(false).status(PREMIUM);
        assertThat(status.converged()).as("the Secret is delivered out of band").isTrue();
        assertThat(status.objects()).hasSize(8).last().isEqualTo(new ObjectStatus(
                new ObjectRef("Secret", "tenant-acme", "tenant-acme-credentials"), State.EXTERNAL, List.of()));
        assertThat(status.objects()).filteredOn(o -> o.state() != State.EXTERNAL).hasSize(7)
                .allSatisfy(o -> assertThat(o.state()).isEqualTo(State.PRESENT));

        assertThat(provisioner(false).apply(BASIC).changes()).as("basic has nothing but the secret")
                .extracting(ApplyResult.Change::action).containsOnly(Action.DELETED);
        assertThat(fileNames(root.resolve("acme"))).isEmpty();
        ResourceStatus basic = provisioner(false).status(BASIC);
        assertThat(basic.objects()).containsExactly(new ObjectStatus(
                new ObjectRef("Secret", "ai-agents", "tenant-acme-credentials"), State.EXTERNAL, List.of()));
        assertThat(basic.converged()).isTrue();
    }

    @Test
    void aMissingManifestOfAnotherKindIsStillMissingWithoutSecretValues() throws IOException {
        ManifestsKubernetesProvisioner provisioner = provisioner(false);
        provisioner.apply(PREMIUM);
        Files.delete(root.resolve("acme/07-networkpolicy-tenant-isolation.yaml"));

        ResourceStatus status = provisioner.status(PREMIUM);

        assertThat(status.converged()).isFalse();
        assertThat(status.problems()).containsExactly(new ObjectStatus(
                new ObjectRef("NetworkPolicy", "tenant-acme", "tenant-isolation"), State.MISSING, List.of()));
    }

    @Test
    void secretIsWrittenWithItsValuesOnlyWhenAskedTo() throws IOException {
        provisioner(true).apply(BASIC);

        assertThat(fileNames(root.resolve("acme"))).containsExactly("01-secret-tenant-acme-credentials.yaml");
        Secret secret = new KubernetesSerialization().unmarshal(
                Files.readString(root.resolve("acme/01-secret-tenant-acme-credentials.yaml")), Secret.class);
        assertThat(secret.getMetadata().getNamespace()).isEqualTo("ai-agents");
        assertThat(secret.getMetadata().getLabels()).containsEntry("tier", "basic");
        assertThat(secret.getData()).containsEntry("sdp_api_key", base64(SECRETS.get("sdp_api_key")));
    }

    @Test
    void statusReportsMissingAndDriftedFilesAndApplyRepairsThem() throws IOException {
        ManifestsKubernetesProvisioner provisioner = provisioner(true);
        provisioner.apply(PREMIUM);
        Map<String, byte[]> original = contents(root.resolve("acme"));
        Path acme = root.resolve("acme");
        Files.delete(acme.resolve("07-networkpolicy-tenant-isolation.yaml"));
        Path quota = acme.resolve("05-resourcequota-tenant-quota.yaml");
        Files.writeString(quota, Files.readString(quota).replace("pods: \"10\"", "pods: \"50\""));
        Path secret = acme.resolve("08-secret-tenant-acme-credentials.yaml");
        Files.writeString(secret, Files.readString(secret)
                .replace(base64(SECRETS.get("sdp_api_key")),
                        base64("tampered-value-4711")));

        ResourceStatus status = provisioner.status(PREMIUM);

        assertThat(status.problems()).extracting(o -> o.ref().kind(), ObjectStatus::state).containsExactly(
                tuple("ResourceQuota", State.DRIFTED),
                tuple("NetworkPolicy", State.MISSING),
                tuple("Secret", State.DRIFTED));
        assertThat(status.problems().get(0).differences()).containsExactly("spec.hard.pods: desired 10, actual 50");
        assertThat(status.problems().get(2).differences()).contains("data: differs from desired (values not shown)");
        assertNoSecretIn(status.toString(), "tampered-value-4711");

        ApplyResult repair = provisioner.apply(PREMIUM);

        assertThat(repair.changes()).filteredOn(c -> c.action() != Action.UNCHANGED)
                .extracting(c -> c.ref().kind() + ":" + c.action())
                .containsExactly("ResourceQuota:UPDATED", "NetworkPolicy:CREATED", "Secret:UPDATED");
        assertThat(contents(acme)).containsExactlyEntriesOf(original);
        assertThat(provisioner.status(PREMIUM).converged()).isTrue();
    }

    @Test
    void aFileThatNoLongerHoldsItsObjectIsDrift() throws IOException {
        ManifestsKubernetesProvisioner provisioner = provisioner(true);
        provisioner.apply(PREMIUM);
        Files.writeString(root.resolve("acme/02-rolebinding-ai-agents-provisioning.yaml"), "just: [some, yaml\n");
        Files.writeString(root.resolve("acme/04-rolebinding-tenant-workload.yaml"),
                Files.readString(root.resolve("acme/03-serviceaccount-tenant-acme.yaml")));

        List<ObjectStatus> problems = provisioner.status(PREMIUM).problems();

        assertThat(problems).extracting(ObjectStatus::state).containsOnly(State.DRIFTED);
        assertThat(problems.get(0).differences()).containsExactly("02-rolebinding-ai-agents-provisioning.yaml: not a Kubernetes object");
        assertThat(problems.get(1).differences()).containsExactly(
                "object: desired RoleBinding tenant-acme/tenant-workload, actual ServiceAccount tenant-acme/tenant-acme");
    }

    @Test
    void tierChangeBasicToPremiumToBasicLeavesExactlyTheTiersFiles() throws IOException {
        ManifestsKubernetesProvisioner provisioner = provisioner(true);
        provisioner.apply(BASIC);

        ApplyResult upgrade = provisioner.apply(PREMIUM);

        assertThat(fileNames(root.resolve("acme"))).hasSize(8).doesNotContain("01-secret-tenant-acme-credentials.yaml");
        assertThat(upgrade.changes()).last().isEqualTo(new ApplyResult.Change(
                new ObjectRef("Secret", "ai-agents", "tenant-acme-credentials"), Action.DELETED));
        assertThat(provisioner.status(BASIC).objects()).extracting(ObjectStatus::state)
                .containsExactly(State.MISSING, State.LEFTOVER, State.LEFTOVER, State.LEFTOVER, State.LEFTOVER,
                        State.LEFTOVER, State.LEFTOVER, State.LEFTOVER, State.LEFTOVER);

        ApplyResult downgrade = provisioner.apply(BASIC);

        assertThat(fileNames(root.resolve("acme"))).containsExactly("01-secret-tenant-acme-credentials.yaml");
        assertThat(downgrade.changes()).extracting(ApplyResult.Change::action)
                .containsExactly(Action.CREATED, Action.DELETED, Action.DELETED, Action.DELETED, Action.DELETED,
                        Action.DELETED, Action.DELETED, Action.DELETED, Action.DELETED);
        assertThat(provisioner.status(BASIC).converged()).isTrue();
    }

    @Test
    void deleteRemovesTheTenantsDirectoryAndNothingElse() throws IOException {
        ManifestsKubernetesProvisioner provisioner = provisioner(true);
        provisioner.apply(PREMIUM);
        provisioner.apply(TenantResources.of("globex", Tier.PREMIUM, Map.of("sdp_api_key", "globex-key")));
        Files.writeString(root.resolve("README.md"), "tenants\n");

        List<ObjectRef> deleted = provisioner.delete(TenantId.of("acme"));

        assertThat(deleted).hasSize(8).contains(new ObjectRef("Namespace", null, "tenant-acme"));
        assertThat(root.resolve("acme")).doesNotExist();
        assertThat(fileNames(root.resolve("globex"))).hasSize(8);
        assertThat(root.resolve("README.md")).exists();
        assertThat(provisioner.delete(TenantId.of("acme"))).as("already gone is fine").isEmpty();
        assertThat(provisioner.status(PREMIUM).objects()).allSatisfy(o -> assertThat(o.state()).isEqualTo(State.MISSING));
        assertThatThrownBy(() -> provisioner.delete(TenantId.of(".."))).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Path> files(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }

    private static List<String> fileNames(Path directory) throws IOException {
        return files(directory).stream().map(p -> p.getFileName().toString()).toList();
    }

    private static Map<String, byte[]> contents(Path directory) throws IOException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (Path file : files(directory)) {
            contents.put(file.getFileName().toString(), Files.readAllBytes(file));
        }
        return contents;
    }
}
