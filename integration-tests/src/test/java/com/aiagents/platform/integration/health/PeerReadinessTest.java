package com.aiagents.platform.integration.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.gates.GatesRunnerApplication;
import com.aiagents.platform.gates.GatesRunnerConfiguration;
import com.aiagents.platform.integration.support.InProcessApp;
import com.aiagents.platform.provisioning.ProvisioningServiceApplication;
import com.aiagents.platform.provisioning.ProvisioningServiceConfiguration;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabase;
import com.aiagents.platform.testing.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * gates-runner and provisioning-service call each other. Each one's readiness depends on its own
 * PostgreSQL only, so after a cold start in either order each is ready while the other is absent
 * (a Service routes only to ready pods: were the peer critical, neither would ever become ready),
 * and {@code /healthcheck} reports the absent peer.
 */
class PeerReadinessTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    private TestDatabase database;
    private TestRedis redis;
    private Path manifests;
    private InProcessApp<GatesRunnerConfiguration> gates;
    private InProcessApp<ProvisioningServiceConfiguration> provisioning;

    @BeforeEach
    void onlyTheirOwnDependencies() throws IOException {
        database = TestDatabase.createMigrated();
        redis = TestRedis.claim();
        manifests = Files.createTempDirectory("readiness-manifests");
        int provisioningPort = freePort();
        gates = new InProcessApp<>(GatesRunnerApplication.class, GatesRunnerApplication::new,
                "platform/gates-runner.yml", "ready-gates")
                .setAll(database.configFor(ServiceRole.GATES_RUNNER))
                .set("redis.url", redis.url())
                .set("services.provisioningServiceUrl", "http://127.0.0.1:" + provisioningPort);
        provisioning = new InProcessApp<>(ProvisioningServiceApplication.class, ProvisioningServiceApplication::new,
                "platform/provisioning-service.yml", "ready-provisioning")
                .port(provisioningPort)
                .setAll(database.configFor(ServiceRole.PROVISIONING_SERVICE))
                .set("kubernetes.mode", "manifests")
                .set("kubernetes.manifestsDir", manifests.toString());
    }

    @AfterEach
    void stopAll() throws IOException {
        try {
            gates.stop();
            provisioning.stop();
        } finally {
            redis.close();
            database.close();
            FileUtils.deleteDirectory(manifests.toFile());
        }
    }

    @Test
    void eachIsReadyWithoutTheOtherAndTheyFindEachOtherOnceBothRun() {
        gates.start();
        JsonHttp gatesAdmin = new JsonHttp(gates.adminUrl());
        await().atMost(WAIT).until(() -> gatesAdmin.get("/health-check", null).status() == 200);
        assertPeerDownButReady(gatesAdmin, "provisioning-service");

        // now the other way round: provisioning-service starts while gates-runner is gone
        gates.stop();
        provisioning.set("services.gatesRunner.url", gates.baseUrl())
                .set("services.gatesRunner.healthUrl", gates.adminUrl() + "/health-check");
        provisioning.start();
        JsonHttp provisioningAdmin = new JsonHttp(provisioning.adminUrl());
        await().atMost(WAIT).until(() -> provisioningAdmin.get("/health-check", null).status() == 200);
        assertPeerDownButReady(provisioningAdmin, "gates-runner");

        gates.start();
        await().atMost(WAIT).until(() -> gatesAdmin.get("/health-check", null).status() == 200);
        await().atMost(WAIT).until(() -> healthy(gatesAdmin.get("/healthcheck", null).json(), "provisioning-service")
                && healthy(provisioningAdmin.get("/healthcheck", null).json(), "gates-runner"));
        assertThat(provisioningAdmin.get("/health-check", null).status()).isEqualTo(200);
    }

    private static void assertPeerDownButReady(JsonHttp admin, String peer) {
        JsonHttp.Reply readiness = admin.get("/health-check", null);
        assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
        JsonNode peerState = state(readiness.json(), peer);
        assertThat(peerState.path("critical").asBoolean()).isFalse();
        assertThat(state(readiness.json(), "postgresql").path("critical").asBoolean()).isTrue();
        JsonHttp.Reply all = admin.get("/healthcheck", null);
        assertThat(all.status()).as(all.body()).isEqualTo(500);
        assertThat(healthy(all.json(), peer)).as(all.body()).isFalse();
        assertThat(healthy(all.json(), "postgresql")).as(all.body()).isTrue();
    }

    private static boolean healthy(JsonNode healthcheck, String check) {
        return healthcheck.path(check).path("healthy").asBoolean(false);
    }

    private static JsonNode state(JsonNode readiness, String check) {
        for (JsonNode state : readiness) {
            if (check.equals(state.path("name").asText())) {
                return state;
            }
        }
        throw new AssertionError("no check " + check + " in " + readiness);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
