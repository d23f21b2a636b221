package com.aiagents.platform.integration.redis;

import static com.aiagents.platform.integration.support.Platform.ADMIN;
import static com.aiagents.platform.integration.support.Platform.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.common.redis.RedisEndpoint;
import com.aiagents.platform.integration.support.Platform;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.aiagents.platform.worker.queue.JobCodec;
import com.aiagents.platform.worker.queue.QueueKeys;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/**
 * The platform on a three-node Redis Cluster the test starts (ports 7110-7112, cluster mode,
 * {@code REDIS_CLUSTER_NODES}): a tenant is onboarded for real, whose gates include the golden path
 * (a ticket raised in SDP, its webhook through the gateway, the worker's note), and the reaper
 * returns the job of a worker that died holding it, which then gets its note.
 */
class RedisClusterPlatformTest {
    private static final String TENANT = "cluster-corp";
    private static final String API_KEY = "SDP-KEY-cluster";

    @RegisterExtension
    static final Platform PLATFORM = Platform.onRedisCluster(7110);

    @Test
    void webhooksBecomeNotesAndTheReaperReturnsADeadWorkersJobOnACluster() {
        JsonHttp.Reply onboarded = PLATFORM.provisioning().post("/v1/onboardings", ADMIN, "{\"tenant_id\":\"" + TENANT + "\","
                + "\"name\":\"Cluster\",\"tier\":\"basic\",\"admin_contact_email\":\"admin@cluster.example\","
                + "\"servicedesk_url\":\"" + PLATFORM.sdpInstanceWithHistory(TENANT, API_KEY) + "\",\"servicedesk_edition\":\"onprem\","
                + "\"servicedesk_credentials\":{\"api_key\":\"" + API_KEY + "\"},\"webhook_auth\":{\"mode\":\"hmac\"}}");
        assertThat(onboarded.json().path("status").asText()).as(onboarded.body()).isEqualTo("succeeded");

        // gate 3 again, on its own: a request raised in SDP, its webhook through the gateway, the
        // worker's note read back from SDP (then the request is deleted, its note with it)
        JsonHttp.Reply run = PLATFORM.gatesRunner().post("/v1/gate-runs", OPERATOR,
                "{\"tenant_id\":\"" + TENANT + "\",\"gates\":[3]}");
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        JsonNode goldenPath = run.json().path("gates").get(0);
        assertThat(goldenPath.path("passed").asBoolean()).as(goldenPath.toString()).isTrue();
        assertThat(goldenPath.path("details").path("stages").findValuesAsText("name"))
                .contains("webhook_accepted", "job_picked_up", "sdp_note_posted", "history_posted");
        assertThat(goldenPath.path("details").path("stages").findValuesAsText("status")).containsOnly("passed");

        String ticket = PLATFORM.sdp().seed(TENANT, 1, 99).get(0);
        int before = PLATFORM.sdp().noteCount(TENANT);
        try (UnifiedJedis redis = cluster()) {
            // a worker that died (no heartbeat) while it held a job for the ticket
            EnhancementJob held = new EnhancementJob("reaped-job", TENANT, ticket, EnhancementJob.REQUEST_CREATED,
                    "reaped-event", Instant.now(), 0, null);
            redis.lpush(QueueKeys.processing("dead-worker"), JobCodec.write(held));
            redis.hincrBy(QueueKeys.INFLIGHT, TENANT, 1);
            redis.sadd(QueueKeys.WORKERS, "dead-worker");
            await().atMost(Duration.ofSeconds(30)).until(() -> !redis.sismember(QueueKeys.WORKERS, "dead-worker"));
            assertThat(redis.llen(QueueKeys.processing("dead-worker"))).isZero();
            await().atMost(Duration.ofSeconds(60)).until(() -> PLATFORM.sdp().noteCount(TENANT) > before);
            assertThat(redis.lrange(QueueNames.DEAD, 0, -1)).noneMatch(entry -> entry.contains("reaped-job"));
        }
    }

    private static UnifiedJedis cluster() {
        RedisEndpoint endpoint = new RedisEndpoint();
        endpoint.setClusterNodes(PLATFORM.redisCluster().seeds());
        Duration timeout = Duration.ofSeconds(2);
        return endpoint.open(new RedisEndpoint.Limits(4, timeout, timeout, timeout));
    }

}
