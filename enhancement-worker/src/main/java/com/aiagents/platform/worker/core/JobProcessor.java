package com.aiagents.platform.worker.core;

import com.aiagents.platform.api.ComposedPrompt;
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
import com.aiagents.platform.sdp.SdpErrorKind;
import com.aiagents.platform.sdp.SdpException;
import com.aiagents.platform.sdp.model.NewSdpNote;
import com.aiagents.platform.sdp.model.SdpNote;
import com.aiagents.platform.sdp.model.SdpRequest;
import com.aiagents.platform.worker.client.CachedComposedPrompts;
import com.aiagents.platform.worker.context.AssetMatch;
import com.aiagents.platform.worker.context.RetrievalScope;
import com.aiagents.platform.worker.context.RetrievedContext;
import com.aiagents.platform.worker.context.TicketText;
import com.aiagents.platform.worker.db.EnhancementHistoryDao;
import com.aiagents.platform.worker.db.HistoryRow;
import com.aiagents.platform.worker.db.TicketHistoryDao;
import com.aiagents.platform.worker.db.TicketRecord;
import com.aiagents.platform.worker.semantic.EmbeddingWriter;
import com.aiagents.platform.worker.privacy.PersonalDataMask;
import com.aiagents.platform.worker.queue.ClaimedJob;
import com.aiagents.platform.worker.queue.JobHandler;
import com.aiagents.platform.worker.queue.JobOutcome;
import com.aiagents.platform.worker.queue.RetryPolicy;
import com.aiagents.platform.worker.synthesis.NoteRenderer;
import com.aiagents.platform.worker.synthesis.Prompt;
import com.aiagents.platform.worker.synthesis.PromptRules;
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
 * row (a crash between posting and recording) is left alone while the claim that began it holds
 * its posting lease, then looked up in SDP by its marker. The posting is fenced by the queue
 * claim's token (docs/architecture.md, "Crash safety"). An update event is new only when the
 * ticket's content changed ({@link ContentFingerprint}); a ticket gets at most a few notes per hour.
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
    private final PostingRules rules;
    private final PlatformTracing tracing;
    private final CachedComposedPrompts prompts;
    private final FeedbackLinks feedbackLinks;
    private final EnhancementHistoryDao history = new EnhancementHistoryDao();
    private final TicketHistoryDao tickets = new TicketHistoryDao();
    /** null: embeddings off */
    private final EmbeddingWriter embeddings;

    public JobProcessor(TenantDirectory directory, TenantDatabase database, SdpClients sdpClients,
                        EnhancementPipeline pipeline, SynthesisService synthesis, NoteRenderer renderer,
                        RetryPolicy retries, WorkerMetrics metrics, Clock clock, PostingRules rules,
                        PlatformTracing tracing, CachedComposedPrompts prompts, FeedbackLinks feedbackLinks,
                        EmbeddingWriter embeddings) {
        this.feedbackLinks = feedbackLinks;
        this.embeddings = embeddings;
        this.directory = directory;
        this.database = database;
        this.sdpClients = sdpClients;
        this.pipeline = pipeline;
        this.synthesis = synthesis;
        this.renderer = renderer;
        this.retries = retries;
        this.metrics = metrics;
        this.clock = clock;
        this.rules = rules;
        this.tracing = tracing;
        this.prompts = prompts;
    }

    /**
     * @param lease          how long a claim that began posting keeps the event to itself
     * @param sdpCallTimeout the longest one SDP call lasts: a POST starts only with this much lease left
     * @param notesPerWindow most notes one ticket gets per {@code window}
     */
    public record PostingRules(Duration lease, Duration sdpCallTimeout, int notesPerWindow, Duration window) {
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
            JobOutcome outcome = attempt(claimed, lease);
            if (!(outcome instanceof JobOutcome.Done) && !(outcome instanceof JobOutcome.Later)) {
                span.fail(Failures.reasonOf(outcome));
            }
            return outcome;
        }
    }

    private JobOutcome attempt(ClaimedJob claimed, Lease lease) {
        EnhancementJob job = claimed.job();
        TenantId tenant = TenantId.of(job.tenantId());
        Instant started = clock.instant();
        Long historyId = null;
        JobOutcome outcome;
        try {
            TenantRuntimeConfig config = directory.lookup(tenant);
            if (config.status() == TenantStatus.SUSPENDED || config.status() == TenantStatus.OFFBOARDING
                    || config.status() == TenantStatus.OFFBOARDED) {
                return JobOutcome.dead("tenant_" + config.status().wireName());
            }
            SdpClient sdp = sdpClients.forTenant(config);
            String eventKey = job.eventKey() == null || job.eventKey().isBlank() ? job.jobId() : job.eventKey();
            SdpRequest fetched = null;
            String fingerprint = null;
            if (EnhancementJob.REQUEST_UPDATED.equals(job.event())) {
                // the webhook's body cannot tell one update from the next; the ticket's content can
                fetched = fetch(sdp, job);
                fingerprint = ContentFingerprint.of(fetched);
                eventKey = ContentFingerprint.updateEventKey(tenant, job.ticketId(), fingerprint);
                String key = eventKey;
                String content = fingerprint;
                if (database.inTenant(tenant, h -> history.contentAlreadyEnhanced(h, job.ticketId(), content, key))) {
                    LOG.info("event=update_unchanged ticket_id={}", job.ticketId());
                    return JobOutcome.done("unchanged");
                }
            }
            String key = eventKey;
            String content = fingerprint;
            HistoryRow row = database.inTenant(tenant, h -> history.receive(h, job.ticketId(), key, job.jobId(), content));
            historyId = row.id();
            outcome = process(tenant, config, sdp, claimed, row, fetched, lease, started);
        } catch (RuntimeException e) {
            outcome = Failures.classify(e);
            LOG.warn("event=job_attempt_failed attempt={} reason={}", job.attempt(), Failures.reasonOf(outcome));
        }
        if (historyId != null && !(outcome instanceof JobOutcome.Done) && !(outcome instanceof JobOutcome.Later)) {
            recordFailure(tenant, historyId, outcome, job);
        }
        metrics.observeDuration(tenant.value(), Duration.between(started, clock.instant()).toNanos() / 1e9);
        return outcome;
    }

    private SdpRequest fetch(SdpClient sdp, EnhancementJob job) {
        return tracing.span(SpanNames.SDP_FETCH_REQUEST).call(s -> sdp.getRequest(job.ticketId()));
    }

    private JobOutcome process(TenantId tenant, TenantRuntimeConfig config, SdpClient sdp, ClaimedJob claimed,
                               HistoryRow row, SdpRequest fetched, Lease lease, Instant started) {
        EnhancementJob job = claimed.job();
        if (row.is(HistoryRow.POSTED)) {
            LOG.info("event=job_already_posted history_id={}", row.id());
            return JobOutcome.done("duplicate");
        }
        if (row.is(HistoryRow.POSTING)) {
            Optional<JobOutcome> recovered = recover(tenant, claimed, row, sdp, started);
            if (recovered.isPresent()) {
                return recovered.get();
            }
        }
        EnhancementPreferences prefs = config.enhancementPreferences() == null
                ? EnhancementPreferences.defaults() : config.enhancementPreferences();
        SdpRequest request = fetched != null ? fetched : fetch(sdp, job);
        String fingerprint = ContentFingerprint.of(request);
        TicketText ticket = new TicketText(job.ticketId(), request.subject(),
                TicketText.plain(request.descriptionHtml() != null ? request.descriptionHtml() : request.shortDescription()),
                request.priority() == null ? "" : request.priority(), request.status() == null ? "" : request.status());

        // an MSP ticket's context comes from its own account only (context_scope: account)
        RetrievalScope scope = RetrievalScope.of(config, request.account());
        RetrievedContext context = tracing.span(SpanNames.CONTEXT_GATHERING)
                .call(s -> pipeline.gather(tenant, ticket, prefs, scope));
        database.inTenant(tenant, h -> {
            history.advance(h, row.id(), HistoryRow.CONTEXT_GATHERED);
            history.recordAccount(h, row.id(), request.account());
            return null;
        });
        ComposedPrompt composed = prompts.forTenant(tenant);
        Prompt prompt = pipeline.prompt(ticket, context, composed);
        PersonalDataMask mask = PersonalDataMask.of(
                request.requesterName() == null ? List.of() : List.of(request.requesterName()),
                context.assets().stream().map(AssetMatch::hostname).toList(), prefs.maskInfrastructure());
        Synthesis content = tracing.span(SpanNames.SYNTHESIS)
                .call(s -> synthesis.synthesize(tenant.value(), ticket, context, prompt, prefs, mask, PromptRules.of(composed),
                        config.llmEndpoint()));
        String contentHash = StageHash.of(content);
        metrics.tokens(tenant.value(), content.promptTokens(), content.completionTokens());
        database.inTenant(tenant, h -> {
            history.synthesized(h, row.id(), content.producer(), content.model(), content.promptTokens(),
                    content.completionTokens(), contentHash, composed.sha256());
            return null;
        });

        String marker = NoteMarker.of(row.id());
        String note = renderer.render(content, prefs.outputFormat(), prefs.includeConfidenceScore(), clock.instant(), marker,
                feedbackLinks.forEnhancement(tenant.value(), row.id()).orElse(null));
        long token = claimed.claimToken();
        Start start = database.inTenant(tenant, h -> {
            Optional<Duration> wait = history.noteBudgetWait(h, job.ticketId(), row.id(), rules.notesPerWindow(), rules.window());
            if (wait.isPresent()) {
                return new Start(null, wait.get());
            }
            EnhancementHistoryDao.PostingStart posting = history.startPosting(h, row, job.jobId(), token, marker, contentHash, fingerprint);
            if (posting == EnhancementHistoryDao.PostingStart.STARTED) {
                history.keepNote(h, row.id(), note);
            }
            return new Start(posting, null);
        });
        if (start.budgetWait() != null) {
            LOG.info("event=ticket_note_budget_spent history_id={} notes_per_window={} wait_ms={}", row.id(),
                    rules.notesPerWindow(), start.budgetWait().toMillis());
            return JobOutcome.later("ticket_note_budget", start.budgetWait());
        }
        switch (start.result()) {
            case STARTED -> { }
            case OTHER_JOB -> {
                // Another job of the event carries it until its note is posted or recovered.
                LOG.info("event=posting_taken_by_other_attempt history_id={} same_job=false", row.id());
                return JobOutcome.done("duplicate");
            }
            case SAME_JOB -> {
                // An earlier attempt at this very job may yet give up (lease lost): look again later.
                LOG.info("event=posting_taken_by_other_attempt history_id={} same_job=true", row.id());
                return JobOutcome.retry("posting_in_progress_elsewhere");
            }
            case FENCED -> {
                LOG.warn("event=posting_fenced history_id={} claim_token={} stage=start", row.id(), token);
                return JobOutcome.done("fenced");
            }
        }
        Optional<JobOutcome> notSent;
        try {
            notSent = beforePost(tenant, sdp, job, row, marker, token, lease);
        } catch (RuntimeException e) {
            abandon(tenant, row.id(), token);
            throw e;
        }
        if (notSent.isPresent()) {
            return notSent.get();
        }
        LOG.info("event=note_post_started history_id={} claim_token={}", row.id(), token);
        SdpNote posted;
        try {
            posted = tracing.span(SpanNames.ENHANCEMENT_POSTED)
                    .call(s -> sdp.addNote(job.ticketId(), NewSdpNote.internal(note)));
        } catch (SdpException e) {
            if (neverSent(e.kind())) {
                // the client refused before anything left (breaker open, bulkhead full, address
                // refused): no note can exist, so the retry must not wait out a posting lease
                abandon(tenant, row.id(), token);
            }
            throw e;
        }
        int durationMs = (int) Duration.between(started, clock.instant()).toMillis();
        List<TicketRecord> processed = List.of(new TicketRecord(job.ticketId(), ticket.subject(),
                ticket.description(), null, request.category(), request.priority(), request.status(), "processed", null,
                request.account()));
        if (embeddings != null) {
            // the model's work (when the search did not embed this text already) before the transaction, not holding a connection
            embeddings.prepare(processed);
        }
        boolean recorded = database.inTenant(tenant, h -> {
            if (!history.postedByClaim(h, row.id(), token, posted.id(), durationMs)) {
                return false;
            }
            tickets.upsert(h, processed);
            if (embeddings != null) {
                embeddings.tickets(h, tenant, processed); // embedded for its search already: remembered, not recomputed
            }
            return true;
        });
        if (!recorded) {
            // Our lease ran out mid-POST (a pause longer than it) and a newer claim took the posting
            // over: it found this note by its marker, or posted one of its own (docs/runbooks/worker-crashes.md).
            LOG.warn("event=posting_fenced history_id={} claim_token={} stage=record sdp_note_id={}", row.id(), token,
                    posted.id());
            return JobOutcome.done("fenced");
        }
        LOG.info("event=note_posted history_id={} synthesizer={} duration_ms={}", row.id(), content.producer(), durationMs);
        return JobOutcome.done("posted");
    }

    /**
     * A previous attempt recorded "posting" and then stopped. If it was another job that may still
     * be running, that job carries the event (it is running, waiting to retry, returned to the queue
     * or dead-lettered until its note is posted or recovered), so this one is a duplicate; otherwise
     * look for our marker among the ticket's notes.
     */
    private Optional<JobOutcome> recover(TenantId tenant, ClaimedJob claimed, HistoryRow row, SdpClient sdp,
                                         Instant started) {
        EnhancementJob job = claimed.job();
        boolean otherJob = row.jobId() != null && !row.jobId().equals(job.jobId());
        boolean otherClaim = row.postingToken() == null || row.postingToken() != claimed.claimToken();
        Instant leaseEnds = row.updatedAt().plus(rules.lease());
        if (otherClaim && leaseEnds.isAfter(clock.instant())) {
            if (otherJob) {
                LOG.info("event=posting_in_progress_elsewhere history_id={}", row.id());
                return Optional.of(JobOutcome.done("duplicate"));
            }
            // An earlier claim of this job (its worker reaped, paused or past the deadline) may be
            // mid-POST: wait for its lease to run out, then look for its note.
            Duration wait = Duration.between(clock.instant(), leaseEnds).plusSeconds(1);
            LOG.info("event=posting_lease_held_by_earlier_claim history_id={} wait_ms={}", row.id(), wait.toMillis());
            return Optional.of(JobOutcome.later("posting_lease_held", wait));
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

    /**
     * The checks between starting the posting and the POST itself; an outcome when the note must not
     * be sent (the posting is then given up, or already recorded as found).
     */
    private Optional<JobOutcome> beforePost(TenantId tenant, SdpClient sdp, EnhancementJob job, HistoryRow row,
                                            String marker, long token, Lease lease) {
        if (!lease.stillHeld()) {
            // Our heartbeat lapsed or the deadline passed and the job went back to the queue: whoever claims it now posts.
            LOG.warn("event=job_lease_lost history_id={}", row.id());
            abandon(tenant, row.id(), token);
            return Optional.of(JobOutcome.done("lease_lost"));
        }
        if (row.noteMarker() == null) {
            // nobody began posting this event before: our lease has just started, whole
            return Optional.empty();
        }
        // An earlier claim began posting this event; its POST may have landed since we looked.
        Optional<SdpNote> landed = NoteMarker.findIn(sdp.listNotes(job.ticketId()), marker);
        if (landed.isPresent()) {
            database.inTenant(tenant, h -> {
                history.posted(h, row.id(), landed.get().id(), null);
                return null;
            });
            LOG.info("event=posting_recovered history_id={} stage=before_post", row.id());
            return Optional.of(JobOutcome.done("recovered"));
        }
        if (!database.inTenant(tenant, h -> history.holdsPosting(h, row.id(), token, rules.lease(), rules.sdpCallTimeout()))) {
            // Too little of our posting lease is left for the POST to end inside it: another claim
            // could then post too. Give it up; the next attempt starts a fresh one.
            LOG.warn("event=posting_lease_too_short history_id={} claim_token={}", row.id(), token);
            abandon(tenant, row.id(), token);
            return Optional.of(JobOutcome.retry("posting_lease_expired"));
        }
        return Optional.empty();
    }

    private static boolean neverSent(SdpErrorKind kind) {
        return kind == SdpErrorKind.CIRCUIT_OPEN || kind == SdpErrorKind.BULKHEAD_FULL
                || kind == SdpErrorKind.ADDRESS_REFUSED;
    }

    private void abandon(TenantId tenant, long historyId, long token) {
        try {
            database.inTenant(tenant, h -> {
                history.abandonPosting(h, historyId, token);
                return null;
            });
        } catch (RuntimeException e) {
            // the posting lease then runs out by itself
            LOG.warn("event=posting_abandon_failed history_id={} error={}", historyId, e.getClass().getSimpleName());
        }
    }

    private record Start(EnhancementHistoryDao.PostingStart result, Duration budgetWait) {
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
