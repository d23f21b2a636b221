package com.aiagents.platform.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.sdp.model.NewSdpRequest;
import com.aiagents.platform.testing.LogCapture;
import com.aiagents.platform.worker.queue.JobCodec;
import com.aiagents.platform.worker.queue.QueueKeys;
import com.aiagents.platform.worker.support.WorkerEnvironment;
import com.aiagents.platform.worker.support.WorkerEnvironment.Tenant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * A handler hung on the database (its statement waits for a row lock another connection holds) is
 * given back at the job's deadline: its tenant's in-flight slot is freed and the job runs again,
 * its attempt counted, while the hung statement is still waiting. Once the lock goes the job
 * ends with exactly one note (the hung first claim, when it wakes, finds it lost the job).
 */
class StuckJobTest {
    @RegisterExtension
    static WorkerEnvironment env = new WorkerEnvironment(Map.of(
            "queue.jobDeadline", "3 seconds", "queue.maxAttempts", "6",
            // longer than the test, so it is the deadline that ends the hang, not the statement timeout
            "databaseTimeouts.statementTimeout", "5 minutes", "databaseTimeouts.socketTimeout", "6 minutes"));

    @Test
    void aHandlerHungOnTheDatabaseIsGivenBackAtItsDeadline() throws Exception {
        Tenant t = env.createTenant("stuck", null);
        String ticket = t.sdp().createRequest(NewSdpRequest.of("VPN drops every hour", "Since Monday", "u@example.com")).id();
        EnhancementJob job = WorkerEnvironment.job(t.id(), ticket);
        try (Connection locker = env.testDatabase().connectAs(ServiceRole.ENHANCEMENT_WORKER); Connection observer = env.testDatabase().connectAs(ServiceRole.ENHANCEMENT_WORKER);
             LogCapture logs = LogCapture.attach()) {
            // another transaction has inserted the event's history row and not committed: the
            // worker's insert of the same row waits for it
            locker.setAutoCommit(false);
            exec(locker, "SELECT set_config('app.current_tenant_id', 'stuck', true)");
            exec(locker, "INSERT INTO enhancement_history (tenant_id, ticket_id, event_key, job_id, status) "
                    + "VALUES ('stuck', '" + ticket + "', '" + job.eventKey() + "', 'locker', 'received')");
            env.enqueue(List.of(job));

            await().atMost(Duration.ofSeconds(60)).until(() -> waitingOnLocks(observer) >= 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> !logs.linesContaining("event=job_deadline_exceeded").isEmpty());
            // given back although the first handler is still stuck on the lock
            assertThat(waitingOnLocks(observer)).isPositive();
            await().atMost(Duration.ofSeconds(30)).until(() -> claimedAgainWithAttempt(1));
            assertThat(logs.linesContaining("event=job_deadline_exceeded").get(0)).contains("tenant_id=stuck");

            locker.rollback();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> env.historyStatuses(t.id(), ticket).contains("posted"));
        assertThat(t.sdp().listNotes(ticket)).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Jedis jedis = env.redis()) {
                return jedis.hget(QueueKeys.INFLIGHT, "stuck") == null && jedis.llen(QueueNames.tenantQueue(t.id())) == 0
                        && jedis.zcard(QueueKeys.DELAYED) == 0;
            }
        });
        assertThat(t.sdp().listNotes(ticket)).hasSize(1);
        assertThat(env.workerAdminHttp().get("/metrics", null).body())
                .contains("enhancement_jobs_given_back_total{reason=\"deadline_exceeded\",result=\"requeued\",}");
    }

    /** The job is held again (by a new claim) with its attempt counted, or waiting at the front of its list. */
    private static boolean claimedAgainWithAttempt(int attempt) {
        try (Jedis jedis = env.redis()) {
            List<String> held = new java.util.ArrayList<>(jedis.lrange(QueueNames.tenantQueue(
                    com.aiagents.platform.api.TenantId.of("stuck")), 0, -1));
            for (String worker : jedis.smembers(QueueKeys.WORKERS)) {
                held.addAll(jedis.lrange(QueueKeys.processing(worker), 0, -1));
            }
            return held.stream().map(JobCodec::read).anyMatch(j -> j != null && j.attempt() >= attempt);
        }
    }

    /** Statements of the worker waiting for the lock ({@code c} autocommits: a transaction would see one snapshot of the view). */
    private static int waitingOnLocks(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO enhancement_history%'");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.execute();
        }
    }
}
