package com.aiagents.platform.worker.core;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.api.TicketEventKeys;
import com.aiagents.platform.api.WebhookArrivals;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.sdp.SdpClient;
import com.aiagents.platform.sdp.model.SdpListQuery;
import com.aiagents.platform.sdp.model.SdpPage;
import com.aiagents.platform.sdp.model.SdpRequest;
import com.aiagents.platform.sdp.model.SdpSearchCriterion;
import com.aiagents.platform.sdp.model.SdpSortOrder;
import com.aiagents.platform.worker.db.ReconciliationState;
import com.aiagents.platform.worker.db.ReconciliationStateDao;
import com.aiagents.platform.worker.queue.ReconciledJobs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * One reconciliation pass for one tenant (docs/reconciliation.md): lists the SDP requests whose
 * {@code last_updated_time} lies between the tenant's cursor and now minus the settle delay,
 * oldest first, at most {@code maxSdpCallsPerPass} pages, and queues a job for each that has no
 * enhancement for its latest change, with the event key the gateway would have given it. The
 * cursor moves only over what was looked at, so a pass cut short by its budget or a failure
 * leaves the rest to the next one.
 */
public final class WebhookReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookReconciler.class);
    static final String UPDATED_FIELD = "last_updated_time";

    private final TenantDatabase database;
    private final SdpClients sdpClients;
    private final ReconciledJobs jobs;
    private final UnifiedJedis redis;
    private final ReconciliationMetrics metrics;
    private final ReconciliationSettings settings;
    private final Clock clock;
    private final ReconciliationStateDao states = new ReconciliationStateDao();

    public WebhookReconciler(TenantDatabase database, SdpClients sdpClients, ReconciledJobs jobs, UnifiedJedis redis,
                             ReconciliationMetrics metrics, ReconciliationSettings settings, Clock clock) {
        this.database = database;
        this.sdpClients = sdpClients;
        this.jobs = jobs;
        this.redis = redis;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    public ReconciliationMetrics metrics() {
        return metrics;
    }

    /** The tenant's state, or null before its first pass. */
    public ReconciliationState state(TenantId tenant) {
        return database.inTenant(tenant, h -> states.find(h).orElse(null));
    }

    /** {@link #state(TenantId)} for a request: a tenant user sees only its own tenant's (null otherwise). */
    public ReconciliationState state(PlatformPrincipal caller, TenantId tenant) {
        return database.inTenantFor(caller, tenant, h -> states.find(h, tenant.value()).orElse(null));
    }

    /** Seconds SDP has shown a ticket created after the last webhook (0: none). */
    public long silenceSeconds(ReconciliationState state, Instant lastWebhook, Instant now) {
        return WebhookSilence.seconds(state.unannouncedSince(), lastWebhook, now);
    }

    /** When the gateway last accepted a webhook of the tenant, or null. */
    public Instant lastWebhook(TenantId tenant) {
        try {
            String millis = redis.get(WebhookArrivals.lastReceivedKey(tenant));
            return millis == null ? null : Instant.ofEpochMilli(Long.parseLong(millis));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Runs a pass unless one ended less than half an interval ago (another replica's). The caller
     * holds the tenant's run lock; {@code stillHeld} renews it and says whether it is still ours.
     *
     * @return the pass's outcome, or {@code skipped}
     */
    public String pass(TenantRuntimeConfig config, BooleanSupplier stillHeld) {
        TenantId tenant = TenantId.of(config.tenantId());
        Instant now = clock.instant();
        Instant until = now.minus(settings.getSettleDelay().toJavaDuration());
        ReconciliationState state = database.inLiveTenant(tenant, h -> states.findOrCreate(h, until));
        Duration half = settings.getInterval().toJavaDuration().dividedBy(2);
        if (state.lastPassAt() != null && state.lastPassAt().isAfter(now.minus(half))) {
            return "skipped";
        }
        Pass pass = new Pass(tenant, state, until);
        try {
            pass.run(sdpClients.forTenant(config), stillHeld);
        } catch (RuntimeException e) {
            String outcome = "failed:" + Failures.reasonOf(Failures.classify(e));
            LOG.warn("event=reconciliation_failed tenant_id={} reason={}", tenant, outcome);
            database.inLiveTenant(tenant, h -> {
                states.recordFailure(h, outcome, clock.instant());
                return null;
            });
            metrics.pass("failed");
            return outcome;
        }
        if (pass.outcome == null) {
            return "lock_lost";
        }
        Instant lastWebhook = lastWebhook(tenant);
        Instant unannounced = WebhookSilence.oldestUnannounced(state.unannouncedSince(), lastWebhook, pass.createdTimes);
        database.inLiveTenant(tenant, h -> {
            states.recordPass(h, new ReconciliationStateDao.PassResult(pass.outcome, pass.cursor, clock.instant(),
                    lastWebhook, unannounced, pass.found, pass.firstFoundAt, pass.firstFoundTicket));
            return null;
        });
        metrics.pass(pass.outcome);
        LOG.info("event=reconciliation_pass tenant_id={} outcome={} sdp_calls={} seen={} queued_created={} queued_updated={}",
                tenant, pass.outcome, pass.calls, pass.createdTimes.size(), pass.found, pass.updates);
        return pass.outcome;
    }

    /** One pass's walk over SDP's list and what it found. */
    private final class Pass {
        private final TenantId tenant;
        private final Instant until;
        private final List<Instant> createdTimes = new ArrayList<>();
        private Instant cursor;
        private String outcome;
        private int calls;
        private int found;
        private int updates;
        private Instant firstFoundAt;
        private String firstFoundTicket;

        Pass(TenantId tenant, ReconciliationState state, Instant until) {
            this.tenant = tenant;
            this.cursor = state.cursorAt();
            this.until = until;
        }

        /**
         * Keyset paging on {@code last_updated_time}: each page starts after the previous page's
         * last time (minus 1 ms, so requests sharing that millisecond are seen again rather than
         * skipped), because start-index paging would skip a row whenever a request updated during
         * the pass drops out of the window. Only a page entirely within one millisecond falls back
         * to the start index.
         */
        void run(SdpClient sdp, BooleanSupplier stillHeld) {
            if (!until.isAfter(cursor)) {
                outcome = "completed";
                return;
            }
            long lower = cursor.toEpochMilli();
            int start = 1;
            while (true) {
                if (calls >= settings.getMaxSdpCallsPerPass()) {
                    outcome = "budget_spent";
                    cursor = Instant.ofEpochMilli(lower);
                    return;
                }
                if (!stillHeld.getAsBoolean()) {
                    return;
                }
                SdpPage<SdpRequest> page = sdp.listRequests(query(lower, start));
                calls++;
                queueMissing(page.items());
                if (!page.hasMoreRows() || page.items().isEmpty()) {
                    outcome = "completed";
                    cursor = until;
                    return;
                }
                Instant lastUpdated = page.items().get(page.items().size() - 1).updatedAt();
                long last = lastUpdated == null ? lower : lastUpdated.toEpochMilli();
                if (last - 1 > lower) {
                    lower = last - 1;
                    start = 1;
                } else {
                    start = page.nextStartIndex();
                }
            }
        }

        private SdpListQuery query(long after, int start) {
            return SdpListQuery.firstPage(settings.getPageSize())
                    .where(SdpSearchCriterion.greaterThan(UPDATED_FIELD, after))
                    .where(SdpSearchCriterion.lesserThan(UPDATED_FIELD, until.toEpochMilli() + 1))
                    .sortedBy(UPDATED_FIELD, SdpSortOrder.ASC)
                    .startingAt(start);
        }

        private void queueMissing(List<SdpRequest> requests) {
            List<String> ids = requests.stream().map(SdpRequest::id).toList();
            Map<String, Instant> activity = database.inTenant(tenant, h -> states.lastEnhancementActivity(h, ids));
            for (SdpRequest request : requests) {
                createdTimes.add(request.createdAt());
                Instant lastActivity = activity.get(request.id());
                if (lastActivity == null) {
                    queue(request, EnhancementJob.REQUEST_CREATED, TicketEventKeys.created(tenant, request.id()));
                } else if (request.updatedAt() != null && request.updatedAt().isAfter(lastActivity)) {
                    // changed after its last enhancement: the worker compares the fetched content with
                    // what it enhanced last, and posts only if it differs (as for an update webhook)
                    queue(request, EnhancementJob.REQUEST_UPDATED, TicketEventKeys.of(tenant, request.id(),
                            EnhancementJob.REQUEST_UPDATED, "reconciled:" + request.updatedAt().toEpochMilli()));
                }
            }
        }

        private void queue(SdpRequest request, String event, String eventKey) {
            EnhancementJob job = new EnhancementJob(UUID.randomUUID().toString(), tenant.value(), request.id(), event,
                    eventKey, clock.instant(), 0, null);
            if (!jobs.enqueue(job)) {
                return;
            }
            metrics.found(tenant, event);
            LOG.info("event=reconciliation_queued tenant_id={} ticket_id={} job_id={} ticket_event={}",
                    tenant, request.id(), job.jobId(), event);
            if (EnhancementJob.REQUEST_CREATED.equals(event)) {
                found++;
                if (firstFoundAt == null) {
                    firstFoundAt = clock.instant();
                    firstFoundTicket = request.id();
                }
            } else {
                updates++;
            }
        }
    }
}
