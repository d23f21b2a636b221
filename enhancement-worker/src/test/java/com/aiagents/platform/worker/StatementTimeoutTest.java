package com.aiagents.platform.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.sdp.model.NewSdpRequest;
import com.aiagents.platform.testing.LogCapture;
import com.aiagents.platform.worker.support.WorkerEnvironment;
import com.aiagents.platform.worker.support.WorkerEnvironment.Tenant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The worker's connections carry {@code statement_timeout} (and the driver's socketTimeout): a
 * statement waiting on a lock is cancelled by PostgreSQL, the attempt fails as a database error and
 * is retried, instead of waiting for as long as the lock is held.
 */
class StatementTimeoutTest {
    @RegisterExtension
    static WorkerEnvironment env = new WorkerEnvironment(Map.of(
            "databaseTimeouts.statementTimeout", "2 seconds", "databaseTimeouts.socketTimeout", "10 seconds",
            // long: here the statement timeout must end the wait, not the job's deadline
            "queue.jobDeadline", "10 minutes", "queue.maxAttempts", "10"));

    @Test
    void aStatementWaitingOnALockIsCancelledAndTheJobRetried() throws Exception {
        Tenant t = env.createTenant("locked", null);
        String ticket = t.sdp().createRequest(NewSdpRequest.of("Mail bounces", "All external mail", "u@example.com")).id();
        EnhancementJob job = WorkerEnvironment.job(t.id(), ticket);
        try (Connection locker = env.testDatabase().connectAs(ServiceRole.ENHANCEMENT_WORKER); LogCapture logs = LogCapture.attach()) {
            locker.setAutoCommit(false);
            exec(locker, "SELECT set_config('app.current_tenant_id', 'locked', true)");
            exec(locker, "INSERT INTO enhancement_history (tenant_id, ticket_id, event_key, job_id, status) "
                    + "VALUES ('locked', '" + ticket + "', '" + job.eventKey() + "', 'locker', 'received')");
            env.enqueue(List.of(job));
            await().atMost(Duration.ofSeconds(60)).until(() -> logs.linesContaining("event=job_attempt_failed").stream()
                    .anyMatch(l -> l.contains("reason=database_")));
            assertThat(logs.linesContaining("event=job_deadline_exceeded")).isEmpty();
            locker.rollback();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> env.historyStatuses(t.id(), ticket).contains("posted"));
        assertThat(t.sdp().listNotes(ticket)).hasSize(1);
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.execute();
        }
    }
}
