package com.aiagents.platform.provisioning.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.provisioning.kubernetes.ClusterKubernetesProvisioner;
import com.aiagents.platform.provisioning.kubernetes.KubernetesSettings;
import com.aiagents.platform.provisioning.kubernetes.ManifestsKubernetesProvisioner;
import com.aiagents.platform.provisioning.kubernetes.MockCluster;
import com.aiagents.platform.provisioning.kubernetes.TenantResourcePlanner;
import com.codahale.metrics.health.HealthCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesHealthCheckTest {
    private final TenantResourcePlanner planner = new TenantResourcePlanner(KubernetesSettings.defaults());

    @Test
    void aWritableManifestsDirectoryIsHealthy(@TempDir Path dir) {
        HealthCheck.Result result = new KubernetesHealthCheck(
                new ManifestsKubernetesProvisioner(dir.resolve("gitops"), planner, false)).execute();

        assertThat(result.isHealthy()).as(result.getMessage()).isTrue();
        assertThat(dir.resolve("gitops")).isEmptyDirectory();
    }

    @Test
    void aManifestsDirectoryThatCannotBeWrittenIsUnhealthy(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");

        HealthCheck.Result result = new KubernetesHealthCheck(
                new ManifestsKubernetesProvisioner(notADirectory, planner, false)).execute();

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).contains("Directory");
    }

    @Test
    void aReachableApiServerIsHealthyAndAStoppedOneIsNot() {
        MockCluster cluster = new MockCluster();
        ClusterKubernetesProvisioner provisioner = new ClusterKubernetesProvisioner(cluster.newClient(), planner);
        KubernetesHealthCheck check = new KubernetesHealthCheck(provisioner);
        assertThat(check.execute().isHealthy()).isTrue();

        cluster.close();
        HealthCheck.Result down = check.execute();
        provisioner.close();

        assertThat(down.isHealthy()).isFalse();
        assertThat(down.getMessage()).contains("Namespace ai-agents");
    }
}
