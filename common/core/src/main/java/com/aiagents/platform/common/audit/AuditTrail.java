package com.aiagents.platform.common.audit;

import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.common.tls.TrustedCa;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's way into tenant-service's {@code audit_log} ({@code POST /internal/v1/audit} with
 * the service's own token; only tenant-service's database role may write the table). Two policies:
 * <ul>
 * <li>{@link #record}: for a change an operator asks for. The entry is written <em>before</em> the
 * change; when it cannot be written the change is refused with 503 {@code audit_unavailable} and
 * nothing happens, so no operator action goes unrecorded.</li>
 * <li>{@link #recordInBackground}: for what a service does on its own or reports afterwards (a gate
 * run's result, an onboarding step, an import that finished). The work is never held up; the entry
 * is retried with exponential backoff, and when it cannot be written in the end it is logged in
 * full ({@code event=audit_entry_dropped}; details never hold a secret) and counted in
 * {@code audit_entries_dropped_total}.</li>
 * </ul>
 * A retried entry whose first answer was lost may be written twice; none is silently lost.
 */
public final class AuditTrail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final MediaType JSON = MediaType.get("application/json");
    static final String PATH = "internal/v1/audit";
    /** Entries waiting for a retry at most; more are dropped (and counted) rather than held without bound. */
    static final int MAX_PENDING = 10_000;

    private final HttpUrl url;
    private final String authorization;
    private final OkHttpClient http;
    private final ObjectMapper json = JsonMapper.create();
    private final ScheduledExecutorService retries;
    private final Duration firstBackoff;
    private final int attempts;
    /** Background entries not yet written, by a sequence number (so {@link #close()} can log them). */
    private final Map<Long, AuditEntry> waiting = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Counter failures;
    private final Counter dropped;

    /**
     * @param tenantServiceUrl tenant-service's base URL
     * @param serviceToken     the calling service's own token (its identity in the entry)
     * @param tlsCaFile        the CA the service trusts for its peers (PLATFORM_TLS_CA_FILE), or null: as its other peer clients
     * @param tracing          the service's client interceptor (each write is a CLIENT span)
     * @param registry         the service's metrics registry
     */
    public AuditTrail(String tenantServiceUrl, String serviceToken, String tlsCaFile, Interceptor tracing,
                      CollectorRegistry registry) {
        this(tenantServiceUrl, serviceToken, tlsCaFile, tracing, registry, Duration.ofSeconds(1), 8);
    }

    /** @param attempts background attempts in all, {@code firstBackoff} doubling between them (8 from 1 s: about 2 minutes) */
    public AuditTrail(String tenantServiceUrl, String serviceToken, String tlsCaFile, Interceptor tracing,
                      CollectorRegistry registry, Duration firstBackoff, int attempts) {
        HttpUrl base = HttpUrl.parse(tenantServiceUrl);
        if (base == null) {
            throw new IllegalArgumentException("tenant-service's URL is not an http(s) URL");
        }
        TrustedCa.requireHttpsWhenTrusting(tenantServiceUrl, tlsCaFile, "tenant-service's URL");
        this.url = base.newBuilder().addPathSegments(PATH).build();
        this.authorization = "Bearer " + serviceToken;
        this.http = TrustedCa.trustOnly(new OkHttpClient.Builder(), tlsCaFile)
                .connectTimeout(Duration.ofSeconds(1))
                .callTimeout(Duration.ofSeconds(5))
                .addInterceptor(tracing)
                .build();
        this.firstBackoff = firstBackoff;
        this.attempts = attempts;
        this.retries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "audit-trail");
            thread.setDaemon(true);
            return thread;
        });
        this.failures = Counter.build("audit_write_failures_total",
                        "Attempts to write an audit entry to tenant-service that failed, by policy (required: the "
                                + "operator's change was refused; background: retried).")
                .labelNames("policy").register(registry);
        this.dropped = Counter.build("audit_entries_dropped_total",
                        "Background audit entries given up after every retry (each is logged in full as audit_entry_dropped).")
                .labelNames("action").register(registry);
    }

    /**
     * Writes the entry now, before the change it records.
     *
     * @throws ApiException 503 {@code audit_unavailable} when it cannot be written: refuse the change
     */
    public void record(AuditEntry entry) {
        String problem = send(entry);
        if (problem != null) {
            failures.labels("required").inc();
            LOG.error("event=audit_write_failed policy=required action={} tenant_id={} problem=\"{}\"",
                    entry.action(), entry.tenantId(), problem);
            throw ApiException.unavailable("audit_unavailable", "nothing was changed: the audit entry for "
                    + entry.action() + " could not be written (" + problem + "); try again when tenant-service is back", 5);
        }
    }

    /** Writes the entry without holding up the caller, retrying with backoff; see the class comment. */
    public void recordInBackground(AuditEntry entry) {
        if (waiting.size() >= MAX_PENDING) {
            drop(entry, "more than " + MAX_PENDING + " entries already wait for tenant-service");
            return;
        }
        long id = sequence.incrementAndGet();
        waiting.put(id, entry);
        schedule(id, entry, 1, Duration.ZERO);
    }

    private void schedule(long id, AuditEntry entry, int attempt, Duration delay) {
        try {
            retries.schedule(() -> attempt(id, entry, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            waiting.remove(id);
            drop(entry, "the service is stopping");
        }
    }

    private void attempt(long id, AuditEntry entry, int attempt) {
        String problem = send(entry);
        if (problem == null) {
            waiting.remove(id);
            return;
        }
        failures.labels("background").inc();
        if (attempt >= attempts || problem.startsWith(REFUSED)) {
            waiting.remove(id);
            drop(entry, problem);
            return;
        }
        Duration wait = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 16));
        LOG.warn("event=audit_write_retry action={} tenant_id={} attempt={} wait_ms={} problem=\"{}\"",
                entry.action(), entry.tenantId(), attempt, wait.toMillis(), problem);
        schedule(id, entry, attempt + 1, wait);
    }

    private void drop(AuditEntry entry, String problem) {
        dropped.labels(entry.action()).inc();
        LOG.error("event=audit_entry_dropped action={} tenant_id={} acting_for={} details={} problem=\"{}\"",
                entry.action(), entry.tenantId(), entry.actingFor(), body(entry).path("details"), problem);
    }

    /** The prefix of a problem retrying cannot fix (tenant-service refused the entry itself). */
    private static final String REFUSED = "refused";

    /** Null when written; otherwise what went wrong, without the token. */
    private String send(AuditEntry entry) {
        Request request = new Request.Builder().url(url)
                .header("Authorization", authorization)
                .post(RequestBody.create(body(entry).toString(), JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            int code = response.code();
            if (code == 201) {
                return null;
            }
            boolean retryable = code >= 500 || code == 429;
            return (retryable ? "" : REFUSED + ": ") + "tenant-service answered " + code;
        } catch (IOException e) {
            return "tenant-service unreachable: " + e.getClass().getSimpleName();
        }
    }

    private ObjectNode body(AuditEntry entry) {
        ObjectNode body = json.createObjectNode();
        body.put("action", entry.action());
        body.put("tenant_id", entry.tenantId());
        body.put("acting_for", entry.actingFor());
        body.set("details", json.valueToTree(entry.details()));
        return body;
    }

    /** Background entries not yet written. */
    public int pending() {
        return waiting.size();
    }

    /** Stops retrying; entries still waiting are logged as dropped (and counted) so they stay on record. */
    @Override
    public void close() {
        retries.shutdownNow();
        for (AuditEntry entry : waiting.values()) {
            drop(entry, "the service stopped before tenant-service took it");
        }
        waiting.clear();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
