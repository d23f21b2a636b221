package com.aiagents.platform.worker.core;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.EnhancementPreferences;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.common.client.TenantDirectory;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.common.tracing.PlatformTracing;
import com.aiagents.platform.common.tracing.SpanNames;
import com.aiagents.platform.common.tracing.SpanScope;
import io.opentelemetry.api.trace.SpanKind;
import com.aiagents.platform.sdp.SdpClient;
import com.aiagents.platform.sdp.model.NewSdpNote;
import com.aiagents.platform.sdp.model.SdpNote;
import com.aiagents.platform.sdp.model.SdpRequest;
import com.aiagents.platform.worker.context.AssetMatch;
import com.aiagents.platform.worker.context.RetrievedContext;
import com.aiagents.platform.worker.context.TicketText;
import com.aiagents.platform.worker.db.EnhancementHistoryDao;
import com.aiagents.platform.worker.db.HistoryRow;
import com.aiagents.platform.worker.db.TicketHistoryDao;
import com.aiagents.platform.worker.db.TicketRecord;
import com.aiagents.platform.worker.privacy.PersonalDataMask;
import com.aiagents.platform.worker.queue.ClaimedJob;
import com.aiagents.platform.worker.queue.JobHandler;
import com.aiagents.platform.worker.queue.JobOutcome;
import com.aiagents.platform.worker.queue.RetryPolicy;
import com.aiagents.platform.worker.synthesis.NoteRenderer;
import com.aiagents.platform.worker.synthesis.Prompt;
import com.aiagents.platform.worker.synthesis.StageHash;
import com.aiagents.platform.worker.synthesis.Synthesis;
import com.aiagents.platform.worker.synthesis.SynthesisService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at one job, recording each state in {@code enhancement_history} so a ticket event
 * gets exactly one note: a {@code posted} row is acknowledged without posting; a {@code posting}
 * row (a crash between posting and recording) is first looked up in SDP by its marker.
 */
public final class JobProcessor implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(JobProcessor.class);

    private final TenantDirectory directory;
    private final TenantDatabase database;
    private final SdpClients sdpClients;
    private final EnhancementPipeline pipeline;
    private final SynthesisService synthesis;
    private final NoteRenderer renderer;
    private final RetryPolicy retries;
    private final WorkerMetrics metrics;
    private final Clock clock;
    private final Duration postingLease;
    private final PlatformTracing tracing;
    private final EnhancementHistoryDao history = new EnhancementHistoryDao();
    private final TicketHistoryDao tickets = new TicketHistoryDao();

    public JobProcessor(TenantDirectory directory, TenantDatabase database, SdpClients sdpClients,
                        EnhancementPipeline pipeline, SynthesisService synthesis, NoteRenderer renderer,
                        RetryPolicy retries, WorkerMetrics metrics, Clock clock, Duration postingLease,
                        PlatformTracing tracing) {
        this.directory = directory;
        this.database = database;
        this.sdpClients = sdpClients;
        this.pipeline = pipeline;
        this.synthesis = synthesis;
        this.renderer = renderer;
        this.retries = retries;
        this.metrics = metrics;
        this.clock = clock;
        this.postingLease = postingLease;
        this.tracing = tracing;
    }

    @Override
    public JobOutcome handle(ClaimedJob claimed, Lease lease) {
        EnhancementJob job = claimed.job();
        if (!TenantId.isValid(job.tenantId())) {
            return JobOutcome.dead("invalid_tenant_id");
        }
        // One ticket_enhanced span per attempt, a child of the gateway's job_queued span.
        try (SpanScope span = tracing.span(SpanNames.TICKET_ENHANCED).kind(SpanKind.CONSUMER)
                .parentTraceparent(job.traceparent()).tenant(job.tenantId()).ticket(job.ticketId())
                .job(job.jobId()).attempt(job.attempt() + 1).open()) {
            JobOutcome outcome = attempt(job, lease);
            if (!(outcome instanceof JobOutcome.Done)) {
                span.fail(Failures.reasonOf(outcome));
            }
            return outcome;
        }
    }

    private JobOutcome attempt(EnhancementJob job, Lease lease) {
        TenantId tenant = TenantId.of(job.tenantId());
        Instant started = clock.instant();
        Long historyId = null;
        JobOutcome outcome;
        try {
            TenantRuntimeConfig config = directory.lookup(tenant);
            if (config.status() == TenantStatus.SUSPENDED || config.status() == TenantStatus.OFFBOARDED) {
                return JobOutcome.dead("tenant_" + config.status().wireName());
            }
            String eventKey = job.eventKey() == null || job.eventKey().isBlank() ? job.jobId() : job.eventKey();
            HistoryRow row = database.inTenant(tenant, h -> history.receive(h, job.ticketId(), eventKey, job.jobId()));
            historyId = row.id();
            outcome = process(tenant, config, job, row, lease, started);
        } catch (RuntimeException e) {
            outcome = Failures.classify(e);
            LOG.warn("event=job_attempt_failed attempt={} reason={}", job.attempt(), Failures.reasonOf(outcome));
        }
        if (historyId != null && !(outcome instanceof JobOutcome.Done)) {
            recordFailure(tenant, historyId, outcome, job);
        }
        metrics.observeDuration(tenant.value(), Duration.between(started, clock.instant()).toNanos() / 1e9);
        return outcome;
    }

    private JobOutcome process(TenantId tenant, TenantRuntimeConfig config, EnhancementJob job, HistoryRow row,
                               Lease lease, Instant started) {
        if (row.is(HistoryRow.POSTED)) {
            LOG.info("event=job_already_posted history_id={}", row.id());
            return JobOutcome.done("duplicate");
        }
        SdpClient sdp = sdpClients.forTenant(config);
        if (row.is(HistoryRow.POSTING)) {
            Optional<JobOutcome> recovered = recover(tenant, job, row, sdp, started);
            if (recovered.isPresent()) {
                return recovered.get();
            }
        }
        EnhancementPreferences prefs = config.enhancementPreferences() == null
                ? EnhancementPreferences.defaults() : config.enhancementPreferences();
        SdpRequest request = tracing.span(SpanNames.SDP_FETCH_REQUEST).call(s -> sdp.getRequest(job.ticketId()));
        TicketText ticket = new TicketText(job.ticketId(), request.subject(),
                TicketText.plain(request.descriptionHtml() != null ? request.descriptionHtml() : request.shortDescription()),
                request.priority() == null ? "" : request.priority(), request.status() == null ? "" : request.status());

        RetrievedContext context = tracing.span(SpanNames.CONTEXT_GATHERING).call(s -> pipeline.gather(tenant, ticket, prefs));
        database.inTenant(tenant, h -> {
            history.advance(h, row.id(), HistoryRow.CONTEXT_GATHERED);
            return null;
        });
        Prompt prompt = pipeline.prompt(ticket, context);
        PersonalDataMask mask = PersonalDataMask.of(
                request.requesterName() == null ? List.of() : List.of(request.requesterName()),
                context.assets().stream().map(AssetMatch::hostname).toList(), prefs.maskInfrastructure());
        Synthesis content = tracing.span(SpanNames.SYNTHESIS)
                .call(s -> synthesis.synthesize(tenant.value(), ticket, context, prompt, prefs, mask));
        String contentHash = StageHash.of(content);
        metrics.tokens(tenant.value(), content.promptTokens(), content.completionTokens());
        database.inTenant(tenant, h -> {
            history.synthesized(h, row.id(), content.producer(), content.model(), content.promptTokens(),
                    content.completionTokens(), contentHash);
            return null;
        });

        String marker = NoteMarker.of(row.id());
        String note = renderer.render(content, prefs.outputFormat(), prefs.includeConfidenceScore(), clock.instant(), marker);
        EnhancementHistoryDao.PostingStart start =
                database.inTenant(tenant, h -> history.startPosting(h, row, job.jobId(), marker, contentHash));
        if (start != EnhancementHistoryDao.PostingStart.STARTED) {
            LOG.info("event=posting_taken_by_other_attempt history_id={} same_job={}", row.id(),
                    start == EnhancementHistoryDao.PostingStart.SAME_JOB);
            // Another job of the event carries it until its note is posted or recovered. An earlier
            // attempt at this very job may yet give up (lease lost): look again later.
            return start == EnhancementHistoryDao.PostingStart.OTHER_JOB
                    ? JobOutcome.done("duplicate") : JobOutcome.retry("posting_in_progress_elsewhere");
        }
        if (!lease.stillHeld()) {
            // Our heartbeat lapsed and the job went back to the queue: whoever claims it now posts.
            LOG.warn("event=job_lease_lost history_id={}", row.id());
            return JobOutcome.done("lease_lost");
        }
        SdpNote posted = tracing.span(SpanNames.ENHANCEMENT_POSTED)
                .call(s -> sdp.addNote(job.ticketId(), NewSdpNote.internal(note)));
        int durationMs = (int) Duration.between(started, clock.instant()).toMillis();
        database.inTenant(tenant, h -> {
            history.posted(h, row.id(), posted.id(), durationMs);
            tickets.upsert(h, List.of(new TicketRecord(job.ticketId(), ticket.subject(), ticket.description(), null,
                    request.category(), request.priority(), request.status(), "processed", null)));
            return null;
        });
        LOG.info("event=note_posted history_id={} synthesizer={} duration_ms={}", row.id(), content.producer(), durationMs);
        return JobOutcome.done("posted");
    }

    /**
     * A previous attempt recorded "posting" and then stopped. If it was another job that may still
     * be running, that job carries the event (it is running, waiting to retry, returned to the queue
     * or dead-lettered until its note is posted or recovered), so this one is a duplicate; otherwise
     * look for our marker among the ticket's notes.
     */
    private Optional<JobOutcome> recover(TenantId tenant, EnhancementJob job, HistoryRow row, SdpClient sdp,
                                         Instant started) {
        boolean otherJob = row.jobId() != null && !row.jobId().equals(job.jobId());
        if (otherJob && row.updatedAt().plus(postingLease).isAfter(clock.instant())) {
            LOG.info("event=posting_in_progress_elsewhere history_id={}", row.id());
            return Optional.of(JobOutcome.done("duplicate"));
        }
        if (row.noteMarker() == null) {
            return Optional.empty();
        }
        Optional<SdpNote> existing = NoteMarker.findIn(sdp.listNotes(job.ticketId()), row.noteMarker());
        if (existing.isEmpty()) {
            LOG.info("event=posting_not_found_reposting history_id={}", row.id());
            return Optional.empty();
        }
        int durationMs = (int) Duration.between(started, clock.instant()).toMillis();
        database.inTenant(tenant, h -> {
            history.posted(h, row.id(), existing.get().id(), null);
            return null;
        });
        LOG.info("event=posting_recovered history_id={} duration_ms={}", row.id(), durationMs);
        return Optional.of(JobOutcome.done("recovered"));
    }

    private void recordFailure(TenantId tenant, long historyId, JobOutcome outcome, EnhancementJob job) {
        boolean dead = outcome instanceof JobOutcome.Dead || !retries.mayRetry(job.attempt());
        try {
            database.inTenant(tenant, h -> {
                history.failedAttempt(h, historyId, Failures.reasonOf(outcome), dead);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("event=history_update_failed error={}", e.getClass().getSimpleName());
        }
    }
}
