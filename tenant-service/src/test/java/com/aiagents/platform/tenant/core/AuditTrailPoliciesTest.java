package com.aiagents.platform.tenant.core;

import static com.aiagents.platform.tenant.testing.TenantServiceExtension.WORKER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.audit.AuditEntry;
import com.aiagents.platform.common.audit.AuditTrail;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import io.prometheus.client.CollectorRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import okhttp3.Interceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The two policies of common-core's {@code AuditTrail} against the real tenant-service (and against
 * an address where nothing listens, as a tenant-service that is down): {@code record} writes or
 * throws 503 {@code audit_unavailable}; {@code recordInBackground} retries until tenant-service
 * takes the entry, and gives up (counted) when it never does or refuses the entry itself.
 */
class AuditTrailPoliciesTest {
    @RegisterExtension
    static final TenantServiceExtension SERVICE = new TenantServiceExtension();

    private static final Interceptor UNTRACED = chain -> chain.proceed(chain.request());

    @Test
    void recordWritesTheEntryOrRefusesWith503() throws Exception {
        TenantId tenant = TenantId.of("policy-" + UUID.randomUUID().toString().substring(0, 8));
        CollectorRegistry registry = new CollectorRegistry();
        try (AuditTrail trail = new AuditTrail(SERVICE.baseUrl(), WORKER_TOKEN, null, UNTRACED, registry)) {
            trail.record(AuditEntry.of("worker.dead_letters_requeue_requested", tenant).actingFor("alice")
                    .with("tenant_filter", tenant.value()));
        }
        assertThat(count(tenant, "worker.dead_letters_requeue_requested")).isEqualTo(1);

        CollectorRegistry down = new CollectorRegistry();
        try (AuditTrail trail = new AuditTrail(nowhere(), WORKER_TOKEN, null, UNTRACED, down)) {
            ApiException refused = catchThrowableOfType(ApiException.class,
                    () -> trail.record(AuditEntry.of("worker.kb_articles_load_requested", tenant)));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.error()).isEqualTo("audit_unavailable");
            assertThat(refused.getMessage()).contains("nothing was changed").doesNotContain(WORKER_TOKEN);
        }
        assertThat(down.getSampleValue("audit_write_failures_total", new String[] {"policy"}, new String[] {"required"}))
                .isEqualTo(1.0);
    }

    @Test
    void aBackgroundEntryIsRetriedUntilWrittenAndGivenUpWhenRefusedOrNeverTaken() throws Exception {
        TenantId tenant = TenantId.of("later-" + UUID.randomUUID().toString().substring(0, 8));
        CollectorRegistry registry = new CollectorRegistry();
        try (AuditTrail trail = new AuditTrail(SERVICE.baseUrl(), WORKER_TOKEN, null, UNTRACED, registry,
                Duration.ofMillis(50), 3)) {
            trail.recordInBackground(AuditEntry.of("worker.ticket_history_import_finished", tenant).with("imported", 7));
            // tenant-service refuses this one (another service's namespace): no retry can fix it
            trail.recordInBackground(AuditEntry.of("gates.gate_run_finished", tenant));
            await().atMost(Duration.ofSeconds(10)).until(() -> trail.pending() == 0);
        }
        assertThat(count(tenant, "worker.ticket_history_import_finished")).isEqualTo(1);
        assertThat(count(tenant, "gates.gate_run_finished")).isZero();
        assertThat(dropped(registry, "gates.gate_run_finished")).isEqualTo(1.0);
        assertThat(dropped(registry, "worker.ticket_history_import_finished")).isNull();

        CollectorRegistry down = new CollectorRegistry();
        try (AuditTrail trail = new AuditTrail(nowhere(), WORKER_TOKEN, null, UNTRACED, down, Duration.ofMillis(50), 3)) {
            trail.recordInBackground(AuditEntry.of("worker.ticket_history_import_finished", tenant));
            await().atMost(Duration.ofSeconds(10)).until(() -> trail.pending() == 0);
        }
        assertThat(dropped(down, "worker.ticket_history_import_finished")).isEqualTo(1.0);
        assertThat(down.getSampleValue("audit_write_failures_total", new String[] {"policy"}, new String[] {"background"}))
                .as("three attempts").isEqualTo(3.0);
    }

    private static Double dropped(CollectorRegistry registry, String action) {
        return registry.getSampleValue("audit_entries_dropped_total", new String[] {"action"}, new String[] {action});
    }

    /** A local address where nothing listens: a tenant-service that is down. */
    private static String nowhere() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private static int count(TenantId tenant, String action) throws Exception {
        try (Connection c = SERVICE.database().connectAsSuperuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_log WHERE target_tenant_id = '" + tenant.value()
                     + "' AND action = '" + action + "' AND actor = 'enhancement-worker'"
                     + " OR (target_tenant_id = '" + tenant.value() + "' AND action = '" + action
                     + "' AND actor = 'enhancement-worker (for alice)')")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
