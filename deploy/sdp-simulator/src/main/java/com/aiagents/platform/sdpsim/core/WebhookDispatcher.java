package com.aiagents.platform.sdpsim.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an instance's webhooks in the background, as SDP does: the API call that created or
 * updated the request does not wait. A delivery that gets no reply, a 5xx or a 429 is retried a
 * bounded number of times with doubling pauses; every attempt is recorded in the instance's log.
 */
public final class WebhookDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient http;
    private final ScheduledExecutorService scheduler;
    private final int maxAttempts;
    private final Duration firstRetryDelay;
    private final ObjectMapper json;
    private final Clock clock;

    private record Delivery(String id, String event, String ticketId, WebhookTarget target, byte[] body,
                            DeliveryLog log) {
    }

    public WebhookDispatcher(OkHttpClient http, ScheduledExecutorService scheduler, int maxAttempts,
                             Duration firstRetryDelay, ObjectMapper json, Clock clock) {
        this.http = http;
        this.scheduler = scheduler;
        this.maxAttempts = maxAttempts;
        this.firstRetryDelay = firstRetryDelay;
        this.json = json;
        this.clock = clock;
    }

    /** Queues the webhook for {@code event} ({@code request_created} / {@code request_updated}). */
    public void dispatch(WebhookTarget target, DeliveryLog log, String event, StoredRequest request) {
        Delivery delivery = new Delivery(UUID.randomUUID().toString(), event, request.id(), target,
                payload(event, request), log);
        schedule(delivery, 1, Duration.ZERO);
    }

    /** The flat payload of docs/api/webhook-gateway.md. */
    byte[] payload(String event, StoredRequest request) {
        ObjectNode body = json.createObjectNode()
                .put("ticket_id", request.id())
                .put("subject", request.subject())
                .put("description", request.description())
                .put("priority", request.priority())
                .put("status", request.status())
                .put("requester_email", request.requester().email())
                .put("created_at", request.createdAt().toString())
                .put("event", event);
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void schedule(Delivery delivery, int attempt, Duration delay) {
        try {
            scheduler.schedule(() -> attempt(delivery, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            LOG.warn("webhook_dropped delivery_id={} reason=shutting_down", delivery.id());
        }
    }

    private void attempt(Delivery delivery, int attempt) {
        Integer status = null;
        String error = null;
        try (Response response = http.newCall(request(delivery)).execute()) {
            status = response.code();
        } catch (IOException | RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        delivery.log().record(new WebhookDelivery(delivery.id(), delivery.event(), delivery.ticketId(), attempt,
                delivery.target().url(), status, error, clock.instant()));
        LOG.info("webhook_attempt delivery_id={} event={} ticket_id={} attempt={} status={}",
                delivery.id(), delivery.event(), delivery.ticketId(), attempt, status == null ? error : status);
        boolean failed = status == null || status >= 500 || status == 429;
        if (failed && attempt < maxAttempts) {
            schedule(delivery, attempt + 1, firstRetryDelay.multipliedBy(1L << (attempt - 1)));
        }
    }

    private Request request(Delivery delivery) {
        WebhookTarget target = delivery.target();
        Request.Builder request = new Request.Builder()
                .url(target.url())
                .header("User-Agent", "ServiceDesk-Plus-Simulator")
                .post(RequestBody.create(delivery.body(), JSON));
        if (target.mode() == WebhookMode.HMAC) {
            request.header("X-ServiceDesk-Signature", WebhookSigner.hmacSha256Hex(target.secret(), delivery.body()));
        } else {
            request.header("X-Webhook-Token", target.secret());
        }
        return request.build();
    }
}
