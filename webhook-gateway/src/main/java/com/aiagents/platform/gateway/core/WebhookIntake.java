package com.aiagents.platform.gateway.core;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.RateLimits;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.api.TicketEventKeys;
import com.aiagents.platform.common.client.TenantDirectory;
import com.aiagents.platform.common.client.TenantDirectoryUnavailableException;
import com.aiagents.platform.common.client.TenantNotFoundException;
import com.aiagents.platform.common.tracing.PlatformTracing;
import com.aiagents.platform.common.tracing.SpanNames;
import com.aiagents.platform.common.tracing.SpanScope;
import com.aiagents.platform.common.tracing.TraceAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The webhook pipeline of docs/api/webhook-gateway.md, in the order that keeps it safe and cheap:
 * tenant id format, body size, tenant lookup and status, signature over the raw bytes, then one
 * atomic Redis step for rate limit (only authenticated requests spend a tenant's quota), dedup
 * and enqueue or, over the rate, deferral, answered in docs/api/webhook-gateway.md's order (429 before a JSON error). Records the outcome in metrics, logs and
 * spans (docs/tracing.md); never logs or traces the secret, the signature or the body.
 */
public final class WebhookIntake {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);
    /** On {@code job_queued} when the body was queued before: nothing new was queued. */
    static final AttributeKey<Boolean> DUPLICATE = AttributeKey.booleanKey("duplicate");

    private final TenantDirectory directory;
    private final BoundedBodyReader bodyReader;
    private final WebhookAuthenticator authenticator;
    private final WebhookPayloadParser parser;
    private final AdmissionStore store;
    private final QueueRouting routing;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final long unavailableRetryAfterSeconds;
    private final PlatformTracing tracing;

    public WebhookIntake(TenantDirectory directory, BoundedBodyReader bodyReader, WebhookAuthenticator authenticator,
            WebhookPayloadParser parser, AdmissionStore store, QueueRouting routing,
            GatewayMetrics metrics, Clock clock, long unavailableRetryAfterSeconds, PlatformTracing tracing) {
        this.directory = directory;
        this.bodyReader = bodyReader;
        this.authenticator = authenticator;
        this.parser = parser;
        this.store = store;
        this.routing = routing;
        this.metrics = metrics;
        this.clock = clock;
        this.unavailableRetryAfterSeconds = unavailableRetryAfterSeconds;
        this.tracing = tracing;
    }

    /** The job id a delivery is answered with, whether it was a repeat of an earlier one, and whether it waits deferred. */
    public record Enqueued(String jobId, boolean duplicate, boolean deferred) {
        WebhookOutcome outcome() {
            return duplicate ? WebhookOutcome.DUPLICATE : deferred ? WebhookOutcome.DEFERRED : WebhookOutcome.ACCEPTED;
        }
    }

    /**
     * @return the accepted (or first, for a repeat) job
     * @throws WebhookRejection with the outcome and status to answer
     */
    public Enqueued accept(WebhookDelivery delivery) {
        long started = System.nanoTime();
        String jobId = UUID.randomUUID().toString();
        Attempt attempt = new Attempt(jobId);
        try {
            Enqueued enqueued = attempt.run(delivery);
            WebhookOutcome outcome = enqueued.outcome();
            LOG.info("event=webhook_{} tenant_id={} job_id={}", outcome.label(), attempt.knownTenant, enqueued.jobId());
            metrics.record(attempt.knownTenant, outcome, System.nanoTime() - started);
            return enqueued;
        } catch (WebhookRejection rejection) {
            LOG.info("event=webhook_rejected tenant_id={} job_id={} result={} status={}",
                    attempt.tenantForLogs(), jobId, rejection.outcome().label(), rejection.outcome().httpStatus());
            metrics.record(attempt.knownTenant, rejection.outcome(), System.nanoTime() - started);
            throw rejection;
        }
    }

    /** One delivery's way through the pipeline; remembers how far it got for logs and metrics. */
    private final class Attempt {
        private final String jobId;
        private TenantId tenant;
        private String knownTenant;

        Attempt(String jobId) {
            this.jobId = jobId;
        }

        /**
         * The delivery's spans: {@code webhook_received} for all of it, {@code signature_validation}
         * for the check, then {@code job_queued} as the child of the check that let it through. A
         * step's span ends with the step (its duration is the step's own); {@code job_queued}'s
         * traceparent travels in the job, so the worker's spans continue this trace.
         */
        Enqueued run(WebhookDelivery delivery) {
            tenant = parseTenantId(delivery.tenantIdValues());
            try (SpanScope received = tracing.span(SpanNames.WEBHOOK_RECEIVED).tenant(tenant.value()).open()) {
                return failingWith(received, () -> receive(received, delivery));
            }
        }

        private Enqueued receive(SpanScope received, WebhookDelivery delivery) {
            byte[] body = bodyReader.read(delivery.body(), delivery.declaredLength());
            LOG.info("event=webhook_received tenant_id={} job_id={} bytes={}", tenant, jobId, body.length);
            TenantRuntimeConfig config = lookUp(tenant);
            knownTenant = tenant.value();
            requireAcceptingWebhooks(config);
            Context validated = authenticate(config, delivery, body);
            // Parsed before the Redis step only so that step is one round trip; the answer keeps the
            // documented order (docs/api/webhook-gateway.md): a full deferred lane is 429 even for a body that does not parse.
            ParsedBody parsed = parse(body);
            String ticketId = parsed.event() == null ? null : parsed.event().ticketId();
            received.span().setAttribute(TraceAttributes.TICKET_ID, TraceAttributes.safe(ticketId));
            try (SpanScope queued = tracing.span(SpanNames.JOB_QUEUED).parent(validated).ticket(ticketId).job(jobId).open()) {
                return failingWith(queued, () -> queue(config, body, parsed, queued));
            }
        }

        /**
         * One Redis step: rate limit, dedup and enqueue (or deferral, over the rate) of the job, which
         * carries {@code queued}'s traceparent.
         */
        private Enqueued queue(TenantRuntimeConfig config, byte[] body, ParsedBody parsed, SpanScope queued) {
            AdmissionStore.PendingJob pending = parsed.event() == null ? null : pendingJob(config, body, parsed.event(), queued.traceparent());
            AdmissionStore.Admission admission = redis(() -> store.admit(tenant, requestsPerMinute(config), jobId, pending));
            if (admission.limited()) {
                throw WebhookRejection.retryLater(WebhookOutcome.RATE_LIMITED, "rate_limited",
                        "the tenant's deferred backlog is full (requests_per_minute exceeded for too long)",
                        admission.retryAfterSeconds());
            }
            if (parsed.problem() != null) {
                throw parsed.problem();
            }
            if (admission.duplicate()) {
                // Nothing was queued: the span names the job the delivery is answered with.
                queued.span().setAttribute(TraceAttributes.JOB_ID, TraceAttributes.safe(admission.jobId()));
                queued.span().setAttribute(DUPLICATE, true);
            }
            return new Enqueued(admission.jobId(), admission.duplicate(), admission.deferred());
        }

        /** The ticket event, or why the body cannot become a job. */
        private ParsedBody parse(byte[] body) {
            try {
                return new ParsedBody(parser.parse(body), null);
            } catch (WebhookRejection problem) {
                return new ParsedBody(null, problem);
            }
        }

        private AdmissionStore.PendingJob pendingJob(TenantRuntimeConfig config, byte[] body, TicketEvent event,
                String traceparent) {
            String bodySha = Sha256.hex(body);
            EnhancementJob job = new EnhancementJob(jobId, tenant.value(), event.ticketId(), event.event(),
                    eventKey(tenant, event, bodySha), clock.instant(), 0, traceparent);
            return new AdmissionStore.PendingJob(routing.queueFor(tenant, config), bodySha, job);
        }

        String tenantForLogs() {
            return tenant == null ? GatewayMetrics.UNKNOWN_TENANT : tenant.value();
        }

        /** Checks the signature in its own span; returns that span's context, the parent of what follows. */
        private Context authenticate(TenantRuntimeConfig config, WebhookDelivery delivery, byte[] body) {
            try (SpanScope validation = tracing.span(SpanNames.SIGNATURE_VALIDATION).open()) {
                try {
                    authenticator.verify(config, delivery.headers(), body);
                } catch (WebhookRejection rejection) {
                    validation.fail(rejection.error());
                    LOG.warn("event=signature_invalid tenant_id={} job_id={} mode={} reason={}",
                            tenant, jobId, config.webhook() == null ? null : config.webhook().mode(), rejection.error());
                    throw rejection;
                }
                LOG.info("event=signature_valid tenant_id={} job_id={}", tenant, jobId);
                return validation.context();
            }
        }
    }

    private record ParsedBody(TicketEvent event, WebhookRejection problem) {
    }

    /** Runs {@code step}; a rejection marks {@code span} failed with its error slug (never its input). */
    private static <T> T failingWith(SpanScope span, Supplier<T> step) {
        try {
            return step.get();
        } catch (WebhookRejection rejection) {
            span.fail(rejection.error());
            throw rejection;
        } catch (RuntimeException e) {
            span.fail(e);
            throw e;
        }
    }

    private static int requestsPerMinute(TenantRuntimeConfig config) {
        return config.rateLimits() != null ? config.rateLimits().requestsPerMinute() : RateLimits.defaults().requestsPerMinute();
    }

    /** Invalid and unknown ids get the same 404, so the answer does not reveal which ids exist. */
    private static TenantId parseTenantId(List<String> values) {
        if (values == null || values.isEmpty()) {
            throw WebhookRejection.of(WebhookOutcome.BAD_REQUEST, "missing_tenant_id",
                    "the tenant_id query parameter is required");
        }
        if (values.size() > 1) {
            throw WebhookRejection.of(WebhookOutcome.BAD_REQUEST, "ambiguous_tenant_id",
                    "the tenant_id query parameter must be given once");
        }
        if (!TenantId.isValid(values.get(0))) {
            throw notFound();
        }
        return TenantId.of(values.get(0));
    }

    private TenantRuntimeConfig lookUp(TenantId tenant) {
        try {
            return directory.lookup(tenant);
        } catch (TenantNotFoundException e) {
            throw notFound();
        } catch (TenantDirectoryUnavailableException e) {
            LOG.warn("event=tenant_directory_unavailable tenant_id={} reason={}", tenant, e.getMessage());
            throw unavailable("tenant_registry_unavailable", "the tenant registry cannot be reached; retry later");
        }
    }

    /**
     * Onboarding and configured tenants are accepted too: gate 3 sends its webhook before activation.
     * A tenant in its offboarding grace period is refused as an offboarded one is (404).
     */
    private static void requireAcceptingWebhooks(TenantRuntimeConfig config) {
        if (config.status() == TenantStatus.OFFBOARDED || config.status() == TenantStatus.OFFBOARDING) {
            throw notFound();
        }
        if (config.status() == TenantStatus.SUSPENDED) {
            throw WebhookRejection.of(WebhookOutcome.SUSPENDED, "tenant_suspended", "the tenant is suspended");
        }
    }

    /** Any Redis failure is a 503 with Retry-After; the scripts are atomic, so nothing is half-written. */
    private <T> T redis(RedisCall<T> call) {
        try {
            return call.run();
        } catch (JedisException e) {
            LOG.warn("event=redis_unavailable reason={}", e.getClass().getSimpleName());
            throw unavailable("queue_unavailable", "the queue cannot be reached; nothing was enqueued, retry later");
        } catch (ReplicaWait.Unconfirmed e) {
            LOG.warn("event=redis_replicas_unconfirmed");
            throw unavailable("replicas_unconfirmed",
                    "no Redis replica confirmed the job in time; a retry of this delivery is answered with the same job");
        }
    }

    @FunctionalInterface
    private interface RedisCall<T> {
        T run();
    }

    /**
     * Stable across SDP's retries of the same event, so the worker posts one note per event. A
     * ticket is created once: every creation webhook for it is the same event whatever its body
     * (SDP's own and one a gate sends, say). An update's body often carries only the ticket id, so
     * the worker replaces this key with one derived from the ticket's fetched content; the body's
     * hash here only tells apart the jobs of deliveries outside the short update dedup window.
     */
    static String eventKey(TenantId tenant, TicketEvent event, String bodySha) {
        return TicketEventKeys.of(tenant, event.ticketId(), event.event(), bodySha);
    }

    private static WebhookRejection notFound() {
        return WebhookRejection.of(WebhookOutcome.NOT_FOUND, "tenant_not_found", "no such tenant");
    }

    private WebhookRejection unavailable(String error, String message) {
        return WebhookRejection.retryLater(WebhookOutcome.UNAVAILABLE, error, message, unavailableRetryAfterSeconds);
    }
}
