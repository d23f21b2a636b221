package com.aiagents.platform.worker;

import static com.aiagents.platform.worker.support.WorkerEnvironment.ADMIN;
import static com.aiagents.platform.worker.support.WorkerEnvironment.OPERATOR;
import static com.aiagents.platform.worker.support.WorkerEnvironment.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.testing.TestTokenIssuer;
import com.aiagents.platform.worker.queue.JobCodec;
import com.aiagents.platform.worker.support.WorkerEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The operator console's endpoints on the worker, over HTTP with the worker's real auth: the fleet
 * activity and the queue's reads for MSP staff (viewer included), its discards for admin and
 * operator only, audited in tenant-service before they happen; tenant users are refused; a dead
 * letter is listed as a summary, never with an unreadable entry's content.
 */
class FleetApiTest {
    static final TestTokenIssuer ISSUER = TestTokenIssuer.start();

    @RegisterExtension
    static final WorkerEnvironment env = new WorkerEnvironment(Map.of("auth.users.issuerUrl", ISSUER.url()));

    @AfterAll
    static void closeIssuer() {
        ISSUER.close();
    }

    @Test
    void fleetActivityIsForStaffInOneCallOfUpToTwoHundredTenants() {
        JsonHttp http = env.workerHttp();
        String path = "/v1/fleet/activity?tenant_id=fleet-b&tenant_id=fleet-a&tenant_id=fleet-b";
        for (String staff : List.of(ADMIN, OPERATOR, VIEWER)) {
            JsonHttp.Reply reply = http.get(path, staff);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonNode rows = reply.json().path("tenants");
            assertThat(rows).hasSize(2); // the repeated id once, in the order given
            assertThat(rows.get(0).path("tenant_id").asText()).isEqualTo("fleet-b");
            assertThat(rows.get(1).path("tenant_id").asText()).isEqualTo("fleet-a");
            assertThat(fieldNames(rows.get(0))).containsExactly("tenant_id", "notes_posted_24h", "webhooks_accepted_24h",
                    "queue_depth", "deferred", "in_flight", "dead_letters", "helpful", "not_helpful");
        }

        // the worker reads the issuer's keys and revoked sessions first: 401 until then
        String tenantAdmin = ISSUER.token("tenant_admin", "fleet-a");
        await("the issuer's keys read").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get(path, tenantAdmin).status() != 401);
        assertThat(http.get(path, tenantAdmin).status()).isEqualTo(403);
        assertThat(http.get(path, ISSUER.token("viewer", null)).status()).as("a signed-in viewer").isEqualTo(200);
        assertThat(http.get(path, ISSUER.token("tenant_viewer", "fleet-a")).status()).isEqualTo(403);
        assertThat(http.get(path, null).status()).isEqualTo(401);

        JsonHttp.Reply none = http.get("/v1/fleet/activity", VIEWER);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().path("error").asText()).isEqualTo("invalid_request");
        String tooMany = IntStream.range(0, 201).mapToObj(i -> "tenant_id=t-" + i).collect(Collectors.joining("&"));
        assertThat(http.get("/v1/fleet/activity?" + tooMany, VIEWER).json().path("error").asText())
                .isEqualTo("invalid_request");
        String twoHundred = IntStream.range(0, 200).mapToObj(i -> "tenant_id=t-" + i).collect(Collectors.joining("&"));
        assertThat(http.get("/v1/fleet/activity?" + twoHundred, VIEWER).json().path("tenants")).hasSize(200);
        JsonHttp.Reply malformed = http.get("/v1/fleet/activity?tenant_id=Not_Valid", VIEWER);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("error").asText()).isEqualTo("invalid_tenant_id");
    }

    @Test
    void deadLettersAreListedAsSummariesAndDiscardedByOperatorsOnlyWithAnAuditEntry() throws Exception {
        JsonHttp http = env.workerHttp();
        String a1 = deadJob("dead-a");
        String a2 = deadJob("dead-a");
        String b1 = deadJob("dead-b");
        try (Jedis jedis = env.redis()) {
            jedis.lpush(QueueNames.DEAD, "{\"description\":\"the printer password is hunter2\"", a1, a2, b1);
            jedis.sadd("{enhancement_queue}:tenants:known", "dead-a", "dead-b");
        }

        JsonHttp.Reply ofA = http.get("/v1/queue/dead?tenant_id=dead-a", VIEWER);
        assertThat(ofA.status()).as(ofA.body()).isEqualTo(200);
        assertThat(ofA.json().path("total").asLong()).isEqualTo(2);
        JsonNode first = ofA.json().path("jobs").get(0);
        assertThat(fieldNames(first)).containsExactly("job_id", "tenant_id", "ticket_id", "event", "attempt",
                "received_at", "dead_reason", "dead_at");
        assertThat(first.path("dead_reason").asText()).isEqualTo("retries_exhausted:sdp_server_error");

        JsonHttp.Reply all = http.get("/v1/queue/dead", VIEWER);
        assertThat(all.json().path("total").asLong()).isEqualTo(4);
        assertThat(all.body()).doesNotContain("hunter2").doesNotContain("printer");
        JsonNode unreadable = all.json().path("jobs").get(3);
        assertThat(unreadable.path("unreadable").asBoolean()).isTrue();
        assertThat(unreadable.path("raw_sha256").asText()).hasSize(64);

        JsonHttp.Reply tenants = http.get("/v1/queue/tenants", VIEWER);
        assertThat(tenants.status()).as(tenants.body()).isEqualTo(200);
        List<String> deadCounts = new ArrayList<>();
        tenants.json().path("tenants").forEach(t -> deadCounts.add(t.path("tenant_id").asText() + "=" + t.path("dead_letters").asLong()));
        assertThat(deadCounts).contains("dead-a=2", "dead-b=1");

        String oneOfA = jobId(a1);
        assertThat(http.post("/v1/queue/dead/" + oneOfA + "/discard", VIEWER, null).status()).isEqualTo(403);
        assertThat(http.post("/v1/queue/dead/discard", VIEWER, null).status()).isEqualTo(403);
        assertThat(http.post("/v1/queue/dead/discard", ISSUER.token("tenant_admin", "dead-a"), null).status()).isEqualTo(403);
        assertThat(http.get("/v1/queue/dead", VIEWER).json().path("total").asLong()).as("nothing discarded").isEqualTo(4);

        JsonHttp.Reply one = http.post("/v1/queue/dead/" + oneOfA + "/discard", OPERATOR, null);
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json().path("discarded").asInt()).isEqualTo(1);
        assertThat(http.post("/v1/queue/dead/" + oneOfA + "/discard", OPERATOR, null).status()).isEqualTo(404);

        JsonHttp.Reply ofB = http.post("/v1/queue/dead/discard?tenant_id=dead-b", ADMIN, null);
        assertThat(ofB.json().path("discarded").asInt()).isEqualTo(1);
        assertThat(http.get("/v1/queue/dead", VIEWER).json().path("jobs").findValuesAsText("job_id"))
                .containsExactly(jobId(a2));

        JsonHttp.Reply rest = http.post("/v1/queue/dead/discard", OPERATOR, null);
        assertThat(rest.json().path("discarded").asInt()).as("a2 and the unreadable entry").isEqualTo(2);
        assertThat(http.get("/v1/queue/dead", VIEWER).json().path("total").asLong()).isZero();

        assertThat(auditActions()).containsSubsequence("worker.dead_letter_discard_requested",
                "worker.dead_letter_discard_requested", "worker.dead_letters_discard_requested",
                "worker.dead_letters_discard_requested");
    }

    private static String deadJob(String tenant) {
        EnhancementJob job = WorkerEnvironment.job(com.aiagents.platform.api.TenantId.of(tenant), "T-9");
        return JobCodec.deadEntry(JobCodec.write(job), job, "retries_exhausted:sdp_server_error", Instant.now());
    }

    private static String jobId(String entry) {
        return JobCodec.read(entry).jobId();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> auditActions() throws Exception {
        List<String> actions = new ArrayList<>();
        try (Connection c = env.testDatabase().connectAsOwner(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT action FROM audit_log WHERE action LIKE 'worker.dead_letter%' ORDER BY id")) {
            while (rs.next()) {
                actions.add(rs.getString(1));
            }
        }
        return actions;
    }
}
