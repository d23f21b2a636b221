package com.aiagents.platform.integration.lifecycle;

import static com.aiagents.platform.integration.support.Platform.ADMIN;
import static com.aiagents.platform.integration.support.Platform.OPERATOR;
import static com.aiagents.platform.integration.support.TenantIds.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.webhook.WebhookSignatures;
import com.aiagents.platform.gateway.core.AdmissionStore;
import com.aiagents.platform.gateway.core.DeferredRelease;
import com.aiagents.platform.integration.support.Leftovers;
import com.aiagents.platform.integration.support.Platform;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.worker.queue.JobCodec;
import com.aiagents.platform.worker.queue.QueueKeys;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A tenant's whole life through the real platform (docs/runbooks/offboarding.md): onboarded (premium:
 * its own namespace in fabric8's mock API server, CRUD mode), working (a webhook, queue state, dead
 * letters, a deferred lane), offboarded into its grace period and restored intact by an admin, then
 * offboarded again and, once the grace period is over, erased by provisioning-service's erasure pass:
 * afterwards no tenant table, Kubernetes object or Redis key or entry holds anything of it but the
 * tombstone and the gate runs it went live on.
 */
class TenantLifeEndToEndTest {
    @RegisterExtension
    static final Platform PLATFORM = Platform.sharedInClusterMode();

    @Test
    void graceRestoreThenErasureLeavesNothingOfTheTenant() throws SQLException {
        String tenant = unique("life");
        String neighbour = unique("next");
        String secret = onboard(tenant);
        onboard(neighbour);
        JsonHttp tenants = PLATFORM.tenantService();
        assertThat(webhook(tenant, secret, "T-1").status()).isEqualTo(202);
        redisFootprint(tenant);
        redisFootprint(neighbour);
        Map<String, Integer> rowsBefore = Leftovers.rows(PLATFORM.database(), tenant);
        assertThat(rowsBefore).containsKeys("ticket_history", "enhancement_history", "gate_runs");

        // offboarding: a grace period, webhooks refused, everything kept
        JsonHttp.Reply offboarding = tenants.delete("/v1/tenants/" + tenant, OPERATOR);
        assertThat(offboarding.json().path("status").asText()).as(offboarding.body()).isEqualTo("offboarding");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(webhook(tenant, secret, "T-2").status()).isEqualTo(404));
        assertThat(PLATFORM.provisioning().post("/v1/erasures", ADMIN, "").json().path("erased").toString())
                .as("not before its grace period is over").doesNotContain(tenant);
        assertKept(tenant, rowsBefore);
        assertThat(namespace(tenant)).isNotNull();

        // restored by an admin, intact, and working again
        JsonHttp.Reply restored = tenants.post("/v1/tenants/" + tenant + "/restore", ADMIN, "");
        assertThat(restored.json().path("status").asText()).as(restored.body()).isEqualTo("active");
        assertKept(tenant, rowsBefore);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(webhook(tenant, secret, "T-3").status()).isEqualTo(202));

        // offboarded again; the grace period passes; the erasure pass removes everything
        tenants.delete("/v1/tenants/" + tenant, OPERATOR);
        endGracePeriod(tenant);
        // the worker refuses while its cached view (10 s) still shows the restored tenant; the next pass erases it
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonHttp.Reply pass = PLATFORM.provisioning().post("/v1/erasures", ADMIN, "");
            assertThat(pass.status()).as(pass.body()).isEqualTo(200);
            assertThat(pass.json().path("erased").toString()).as(pass.body()).contains(tenant);
        });

        assertThat(Leftovers.rows(PLATFORM.database(), tenant)).as("every tenant table, from the catalog")
                .containsOnlyKeys("tenant_configs", "gate_runs");
        assertThat(Leftovers.registryStatus(PLATFORM.database(), tenant)).isEqualTo("offboarded");
        KubernetesClient k8s = PLATFORM.cluster().client();
        assertThat(namespace(tenant)).isNull();
        assertThat(k8s.secrets().inAnyNamespace().withLabel("tenant-id", tenant).list().getItems()).isEmpty();
        assertThat(k8s.secrets().inNamespace("ai-agents").withName("tenant-" + tenant + "-credentials").get()).isNull();
        assertThat(redisTraces(tenant)).as("the Redis keyspace").isEmpty();
        try (Jedis redis = PLATFORM.redis().connect()) {
            TenantId id = TenantId.of(tenant);
            assertThat(redis.exists(AdmissionStore.rateKey(id))).isFalse();
            assertThat(redis.exists(DeferredRelease.laneKey(id))).isFalse();
            assertThat(redis.exists(QueueKeys.tenant(tenant))).isFalse();
        }

        assertThat(auditActions(tenant)).contains("tenant.offboarding_started", "tenant.restored",
                "worker.tenant_redis_erased", "tenant.offboarded");

        assertThat(redisTraces(neighbour)).as("the neighbour's Redis state stays").isNotEmpty();
        assertThat(Leftovers.rows(PLATFORM.database(), neighbour)).containsKeys("ticket_history", "enhancement_history");
        assertThat(namespace(neighbour)).isNotNull();
        assertThat(tenants.get("/v1/tenants/" + neighbour, ADMIN).json().path("status").asText()).isEqualTo("active");
    }

    /**
     * Every row still there; the worker may have recorded more enhancements meanwhile (the webhook's
     * job, the deferred job released, the refused ones of the grace period), never fewer.
     */
    private static void assertKept(String tenant, Map<String, Integer> before) {
        Map<String, Integer> now = new java.util.HashMap<>(Leftovers.rows(PLATFORM.database(), tenant));
        Map<String, Integer> expected = new java.util.HashMap<>(before);
        assertThat(now.remove("enhancement_history")).isGreaterThanOrEqualTo(expected.remove("enhancement_history"));
        assertThat(now).isEqualTo(expected);
    }

    private static String onboard(String tenant) {
        JsonHttp.Reply reply = PLATFORM.provisioning().post("/v1/onboardings", ADMIN, "{\"tenant_id\": \"" + tenant
                + "\", \"name\": \"Tenant " + tenant + "\", \"tier\": \"premium\", \"admin_contact_email\": \"admin@"
                + tenant + ".example\", \"servicedesk_url\": \"" + PLATFORM.sdpInstanceWithHistory(tenant, "SDP-KEY-" + tenant)
                + "\", \"servicedesk_edition\": \"onprem\", \"servicedesk_credentials\": {\"api_key\": \"SDP-KEY-" + tenant
                + "\"}, \"webhook_auth\": {\"mode\": \"hmac\"}}");
        assertThat(reply.json().path("status").asText()).as(reply.body()).isEqualTo("succeeded");
        return reply.json().path("webhook").path("secret").asText();
    }

    private static JsonHttp.Reply webhook(String tenant, String secret, String ticket) {
        String body = "{\"ticket_id\":\"" + ticket + "\",\"event\":\"request_created\"}";
        return PLATFORM.gateway().post("/webhook/servicedesk?tenant_id=" + tenant, null, body,
                "X-ServiceDesk-Signature", WebhookSignatures.hmacSha256Hex(secret, body.getBytes(StandardCharsets.UTF_8)));
    }

    /** What a tenant leaves in Redis that one webhook does not: a dead letter, a deferred lane, a retry. */
    private static void redisFootprint(String tenant) {
        try (Jedis redis = PLATFORM.redis().connect()) {
            redis.lpush(QueueNames.DEAD, JobCodec.write(job(tenant, tenant + "-dead")));
            redis.rpush(DeferredRelease.laneKey(TenantId.of(tenant)), JobCodec.write(job(tenant, tenant + "-deferred")));
            redis.hset(DeferredRelease.TENANTS, tenant, "100");
            redis.zadd(QueueKeys.DELAYED, Instant.now().plus(Duration.ofDays(1)).toEpochMilli(),
                    JobCodec.write(job(tenant, tenant + "-retry")));
        }
    }

    private static EnhancementJob job(String tenant, String id) {
        return new EnhancementJob(id, tenant, "T-" + id, "request_created", "ek-" + id, Instant.now(), 0, null);
    }

    private static Object namespace(String tenant) {
        return PLATFORM.cluster().client().namespaces().withName("tenant-" + tenant).get();
    }

    private static List<String> auditActions(String tenant) throws SQLException {
        List<String> actions = new ArrayList<>();
        try (Connection c = PLATFORM.database().connectAsSuperuser(); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT action FROM audit_log WHERE target_tenant_id = '" + tenant + "'")) {
            while (rs.next()) {
                actions.add(rs.getString(1));
            }
        }
        return actions;
    }

    private static void endGracePeriod(String tenant) throws SQLException {
        try (Connection c = PLATFORM.database().connectAsSuperuser(); Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("UPDATE tenant_configs SET erase_after = now() - interval '1 second' "
                    + "WHERE tenant_id = '" + tenant + "' AND status = 'offboarding'")).isEqualTo(1);
        }
    }

    /** Every key naming the tenant (the queue's own keys aside) and every entry that is the tenant or its job. */
    private static List<String> redisTraces(String tenant) {
        List<String> found = new ArrayList<>();
        try (Jedis redis = PLATFORM.redis().connect()) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = redis.scan(cursor, new ScanParams().count(500));
                for (String key : page.getResult()) {
                    if (key.contains(tenant)) {
                        found.add("key " + key);
                    }
                    List<String> values = switch (redis.type(key)) {
                        case "list" -> redis.lrange(key, 0, -1);
                        case "zset" -> redis.zrange(key, 0, -1);
                        case "set" -> new ArrayList<>(redis.smembers(key));
                        case "hash" -> new ArrayList<>(redis.hkeys(key));
                        default -> List.of();
                    };
                    values.stream().filter(v -> v.contains(tenant)).forEach(v -> found.add(key + " holds " + v));
                }
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        }
        return found;
    }
}
