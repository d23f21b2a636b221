package com.aiagents.platform.provisioning.kubernetes;

import com.aiagents.platform.api.Tier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesConfigurationTest {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path root;

    @Test
    void manifestsModeWritesToTheConfiguredDirectory() throws Exception {
        KubernetesConfiguration config = yaml.readValue(
                "mode: manifests\nmanifestsDir: " + root + "\nsharedNamespace: platform\n", KubernetesConfiguration.class);

        try (KubernetesProvisioner provisioner = config.build()) {
            assertThat(provisioner).isInstanceOf(ManifestsKubernetesProvisioner.class);
            provisioner.apply(TenantResources.of("acme", Tier.PREMIUM, TestTenants.SECRETS));
        }
        assertThat(root.resolve("acme/01-namespace-tenant-acme.yaml")).exists();
        assertThat(config.settings()).isEqualTo(new KubernetesSettings("platform", "ingress-nginx"));
    }

    @Test
    void theEgressSettingsAreReadFromTheConfigWithDefaults() throws Exception {
        KubernetesConfiguration config = yaml.readValue("dataNamespace: databases\n"
                + "httpsEgressExcept: \" 10.0.0.0/8, 203.0.113.0/24 ,\"\nplatformNamespace: platform\n", KubernetesConfiguration.class);

        assertThat(config.settings()).isEqualTo(new KubernetesSettings("ai-agents", "ingress-nginx", "databases",
                List.of("10.0.0.0/8", "203.0.113.0/24"), "platform"));
        assertThat(yaml.readValue("{}", KubernetesConfiguration.class).settings()).isEqualTo(KubernetesSettings.defaults());
        assertThat(KubernetesSettings.defaults().httpsEgressExcept())
                .containsExactly("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10");
    }

    @Test
    void manifestsModeNeedsADirectory() {
        assertThatThrownBy(() -> new KubernetesConfiguration(KubernetesMode.MANIFESTS, " ").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("KUBERNETES_MANIFESTS_DIR");
    }

    @Test
    void clusterModeIsTheDefaultAndUsesAFabric8Client() throws Exception {
        KubernetesConfiguration config = yaml.readValue("{}", KubernetesConfiguration.class);

        assertThat(config.getMode()).isEqualTo(KubernetesMode.CLUSTER);
        try (KubernetesProvisioner provisioner = config.build()) {
            assertThat(provisioner).isInstanceOf(ClusterKubernetesProvisioner.class);
        }
    }

    @Test
    void modeIsReadCaseInsensitivelyAndAnythingElseIsRefused() throws Exception {
        assertThat(yaml.readValue("mode: MANIFESTS", KubernetesConfiguration.class).getMode()).isEqualTo(KubernetesMode.MANIFESTS);
        assertThat(KubernetesMode.fromValue(" cluster ")).isEqualTo(KubernetesMode.CLUSTER);
        assertThatThrownBy(() -> yaml.readValue("mode: kubectl", KubernetesConfiguration.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("KUBERNETES_MODE must be 'cluster' or 'manifests', got 'kubectl'");
    }
}
