package com.aiagents.platform.common.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.common.metrics.ExpositionLint;
import com.aiagents.platform.common.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Configuration;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class PlatformHealthTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final DropwizardAppExtension<Configuration> APP =
            new DropwizardAppExtension<>(HealthTestApp.class, ResourceHelpers.resourceFilePath("health-test.yml"));

    @AfterEach
    void everythingUpAgain() {
        HealthTestApp.STORE_UP.set(true);
        HealthTestApp.PEER_UP.set(true);
        await().atMost(WAIT).until(() -> readiness().status() == 200);
    }

    @Test
    void readinessAndLivenessAnswerOnTheAdminPortOnly() {
        await().atMost(WAIT).until(() -> readiness().status() == 200);
        JsonNode states = json(readiness());
        assertThat(states.findValuesAsText("name")).containsExactlyInAnyOrder("deadlocks", "own-store", "peer");
        assertThat(state(states, "own-store").path("critical").asBoolean()).isTrue();
        assertThat(state(states, "peer").path("critical").asBoolean()).isFalse();
        assertThat(readiness().header("Cache-Control")).isEqualTo("no-store");
        assertThat(admin("/health-check/alive").status()).isEqualTo(200);
        assertThat(Http.get("http://127.0.0.1:" + APP.getLocalPort() + "/health-check").status()).isEqualTo(404);
    }

    @Test
    void aPeerDownLeavesTheServiceReadyButDegraded() {
        await().atMost(WAIT).until(() -> readiness().status() == 200);
        HealthTestApp.PEER_UP.set(false);

        await().atMost(WAIT).until(() -> !state(json(readiness()), "peer").path("healthy").asBoolean());
        assertThat(readiness().status()).isEqualTo(200);
        assertThat(admin("/healthcheck").status()).as("/healthcheck still reports every check").isEqualTo(500);
        String metrics = admin("/metrics").body();
        assertThat(metrics)
                .contains("health_check_healthy{check=\"peer\",critical=\"false\",} 0.0")
                .contains("health_check_healthy{check=\"own-store\",critical=\"true\",} 1.0");
        assertThat(ExpositionLint.problems(metrics)).as("with Dropwizard's own health_* families too").isEmpty();
    }

    @Test
    void itsOwnDependencyDownMakesItNotReadyButStillAlive() {
        await().atMost(WAIT).until(() -> readiness().status() == 200);
        HealthTestApp.STORE_UP.set(false);

        await().atMost(WAIT).until(() -> readiness().status() == 503);
        assertThat(state(json(readiness()), "own-store").path("healthy").asBoolean()).isFalse();
        assertThat(admin("/health-check/alive").status()).as("a restart would not bring the store back").isEqualTo(200);
        assertThat(admin("/metrics").body()).contains("health_check_healthy{check=\"own-store\",critical=\"true\",} 0.0");

        HealthTestApp.STORE_UP.set(true);
        await().atMost(WAIT).until(() -> readiness().status() == 200);
    }

    private static Http.Reply readiness() {
        return admin("/health-check");
    }

    private static Http.Reply admin(String path) {
        return Http.get("http://127.0.0.1:" + APP.getAdminPort() + path);
    }

    private static JsonNode json(Http.Reply reply) {
        try {
            return new ObjectMapper().readTree(reply.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode state(JsonNode states, String name) {
        for (JsonNode state : states) {
            if (name.equals(state.path("name").asText())) {
                return state;
            }
        }
        throw new AssertionError("no health state named " + name + " in " + states);
    }
}
