package com.aiagents.platform.worker;

import static com.aiagents.platform.worker.support.WorkerEnvironment.OPERATOR;
import static com.aiagents.platform.worker.support.WorkerEnvironment.PROVISIONING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.testing.LogCapture;
import com.aiagents.platform.worker.support.WorkerEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * A backfill whose Redis lease is taken over by another import (its page outlasted the lease)
 * stops: it commits no further page, leaves the progress to the new owner and keeps its lock.
 */
class TicketImportLockTest {
    private static final String LOCK = "enhancement_worker:import_lock:lock-lost";

    @RegisterExtension
    static WorkerEnvironment env = new WorkerEnvironment(Map.of("importPageSize", "5"));

    @Test
    void anImportWhoseLockWasTakenOverStops() {
        env.createTenant("lock-lost", null);
        env.simulator().seed("lock-lost", 30, 11);
        env.simulator().faults("lock-lost", "{\"latency_ms\":150}"); // six pages of six SDP calls or more
        JsonHttp http = env.workerHttp();
        try (LogCapture logs = LogCapture.attach(); Jedis jedis = env.redis()) {
            assertThat(http.post("/v1/tenants/lock-lost/ticket-history/import", PROVISIONING, null).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> progress(http).path("imported").asInt() >= 5);
            jedis.set(LOCK, "another-worker");

            await().atMost(Duration.ofSeconds(30)).until(() -> !logs.linesContaining("event=ticket_import_lock_lost").isEmpty());
            JsonNode progress = progress(http);
            assertThat(progress.path("status").asText()).isEqualTo("running");
            assertThat(progress.path("imported").asInt()).isLessThan(30);
            assertThat(jedis.get(LOCK)).isEqualTo("another-worker");
        }
    }

    private static JsonNode progress(JsonHttp http) {
        return http.get("/v1/tenants/lock-lost/ticket-history/import", OPERATOR).json();
    }
}
