package com.aiagents.platform.worker.bench;

import com.aiagents.platform.worker.support.Gateway;
import com.aiagents.platform.worker.support.WorkerEnvironment;
import com.aiagents.platform.worker.support.WorkerEnvironment.Tenant;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Webhook to note through the real gateway and the worker: signed webhooks (HMAC, as SDP's relay
 * would send them) paced below the worker's capacity, each timed from the send to its history
 * row turning {@code posted}.
 */
final class WebhookPhase {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookPhase() {
    }

    /** Latencies in ms, one per webhook whose note was posted. */
    static List<Double> run(WorkerEnvironment env, List<Tenant> tenants, List<List<String>> tickets, int count,
                            int perSecond) throws Exception {
        try (Gateway gateway = Gateway.start(env, Map.of())) {
            Map<String, Long> sentAt = new HashMap<>();
            Map<String, Tenant> tenantOf = new HashMap<>();
            long gapNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
            long next = System.nanoTime();
            for (int i = 0; i < count; i++) {
                Tenant t = tenants.get(i % tenants.size());
                List<String> ids = tickets.get(i % tenants.size());
                String body = JSON.writeValueAsString(Map.of("ticket_id", ids.get((i / tenants.size() + 100) % ids.size()),
                        "event", "request_updated", "subject", "bench webhook " + i));
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                next += gapNanos;
                long sent = System.currentTimeMillis();
                HttpResponse<String> reply = gateway.send(t, body);
                if (reply.statusCode() != 202) {
                    throw new IllegalStateException("gateway answered " + reply.statusCode() + ": " + reply.body());
                }
                String jobId = JSON.readTree(reply.body()).get("job_id").asText();
                sentAt.put(jobId, sent);
                tenantOf.put(jobId, t);
            }
            return awaitPosted(env, sentAt, tenantOf);
        }
    }

    private static List<Double> awaitPosted(WorkerEnvironment env, Map<String, Long> sentAt, Map<String, Tenant> tenantOf)
            throws InterruptedException {
        Map<String, Double> latencies = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (latencies.size() < sentAt.size() && System.nanoTime() < deadline) {
            for (Tenant t : new java.util.LinkedHashSet<>(tenantOf.values())) {
                env.database().inTenant(t.id(), h -> {
                    h.createQuery("SELECT job_id, extract(epoch FROM updated_at) * 1000 FROM enhancement_history "
                                    + "WHERE status = 'posted' AND job_id = ANY(:jobs)")
                            .bindArray("jobs", String.class, new ArrayList<>(sentAt.keySet()))
                            .map((rs, ctx) -> latencies.put(rs.getString(1), rs.getDouble(2) - sentAt.get(rs.getString(1))))
                            .list();
                    return null;
                });
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return new ArrayList<>(latencies.values());
    }
}
