package com.aiagents.platform.gates.core;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.MspSettings;
import com.aiagents.platform.api.ServicedeskEdition;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.gates.db.HistoryRow;
import com.aiagents.platform.gates.db.TenantChecks;
import com.aiagents.platform.sdp.SdpClient;
import com.aiagents.platform.sdp.SdpClientFactory;
import com.aiagents.platform.sdp.model.NewSdpRequest;
import com.aiagents.platform.sdp.model.SdpNote;
import com.aiagents.platform.sdp.model.SdpRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gate 3: the golden path end to end, as SDP would drive it. Creates a test request in the tenant's
 * SDP, delivers the webhook for it to the gateway signed with the tenant's current secret, and
 * watches the job go through: 202 with a job id, the worker's history row, the note on the request
 * in SDP, the history row {@code posted} naming a note that, read back from SDP, carries the worker's
 * marker for that row and the note's sections. Then deletes the test request. Every stage is timed; a
 * failure names its stage. Bounded by {@code goldenPathTimeout}.
 */
public final class GoldenPathGate implements Gate {
    static final String PASS = "All stages completed successfully";
    static final String CREATE = "sdp_create_request";
    static final String WEBHOOK = "webhook_accepted";
    static final String PICKED_UP = "job_picked_up";
    static final String NOTE = "sdp_note_posted";
    static final String POSTED = "history_posted";
    static final String NOTE_CONTENT = "note_content";
    static final String CLEANUP = "sdp_delete_request";

    private final PlatformServices services;
    private final SdpClientFactory sdp;
    private final TenantChecks checks;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration timeout;
    private final Poller poller;

    public GoldenPathGate(PlatformServices services, SdpClientFactory sdp, TenantChecks checks, ObjectMapper json,
                          Clock clock, Duration timeout, Duration pollInterval) {
        this.services = services;
        this.sdp = sdp;
        this.checks = checks;
        this.json = json;
        this.clock = clock;
        this.timeout = timeout;
        this.poller = new Poller(clock, pollInterval);
    }

    @Override
    public int number() {
        return 3;
    }

    @Override
    public String name() {
        return "Golden Path E2E";
    }

    @Override
    public GateOutcome run(GateContext context) throws Exception {
        Instant deadline = clock.instant().plus(timeout);
        StageLog log = new StageLog(clock);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("timeout_ms", timeout.toMillis());
        SdpClient client = sdp.clientFor(SdpConnections.of(context.config()));
        String requestId = null;
        try {
            requestId = createRequest(context, client, log);
            if (requestId != null) {
                details.put("sdp_request_id", requestId);
                walk(context, client, requestId, deadline, log, details);
            }
        } finally {
            if (requestId != null) {
                deleteRequest(client, requestId, log);
            }
        }
        details.put("stages", log.stages());
        if (log.failed()) {
            details.put("failed_stage", log.failedStage());
            return GateOutcome.fail("Stage " + log.failedStage() + " failed: " + log.failure(), details);
        }
        return GateOutcome.pass(PASS, details);
    }

    private String createRequest(GateContext context, SdpClient client, StageLog log) {
        Instant started = log.now();
        try {
            NewSdpRequest request = placed(context, NewSdpRequest.of("[gates-runner] golden path check " + context.runId(),
                    "<p>Created by onboarding gate 3 to prove the path from webhook to note. It is deleted when the "
                            + "check ends.</p>", null));
            SdpRequest created = client.createRequest(request);
            log.passed(CREATE, started, "request " + created.id()
                    + (request.account() == null ? "" : " in account " + request.account() + ", site " + request.site()));
            return created.id();
        } catch (RuntimeException e) {
            log.failed(CREATE, started, GateFailures.describe(e));
            log.skipped(WEBHOOK, PICKED_UP, NOTE, POSTED, NOTE_CONTENT);
            return null;
        }
    }

    /** ServiceDesk Plus MSP refuses a request without an account: gate 3's goes to the tenant's named account and site. */
    private static NewSdpRequest placed(GateContext context, NewSdpRequest request) {
        TenantRuntimeConfig.Servicedesk sd = context.config().servicedesk();
        if (sd == null || sd.edition() != ServicedeskEdition.MSP) {
            return request;
        }
        MspSettings msp = sd.msp();
        if (msp == null || msp.gateAccount() == null || msp.gateSite() == null) {
            throw new IllegalStateException("the MSP tenant names no servicedesk_msp.gate_account and gate_site "
                    + "for gate 3's test request");
        }
        return request.inAccount(msp.gateAccount(), msp.gateSite());
    }

    private void walk(GateContext context, SdpClient client, String requestId, Instant deadline, StageLog log,
                      Map<String, Object> details) throws InterruptedException {
        Instant started = log.now();
        String jobId;
        try {
            jobId = deliverWebhook(context, requestId);
            details.put("job_id", jobId);
            log.passed(WEBHOOK, started, "202 job " + jobId);
        } catch (RuntimeException e) {
            log.failed(WEBHOOK, started, GateFailures.describe(e));
            log.skipped(PICKED_UP, NOTE, POSTED, NOTE_CONTENT);
            return;
        }

        started = log.now();
        Optional<HistoryRow> row = await(PICKED_UP, started, deadline, log,
                () -> history(context, requestId).stream().findFirst());
        if (row == null) {
            log.skipped(NOTE, POSTED, NOTE_CONTENT);
            return;
        }
        if (row.isEmpty()) {
            log.failed(PICKED_UP, started, "no enhancement_history row for request " + requestId + " within "
                    + timeout.toSeconds() + "s: the job did not reach a worker");
            log.skipped(NOTE, POSTED, NOTE_CONTENT);
            return;
        }
        log.passed(PICKED_UP, started, "history row for job " + row.get().jobId()
                + (jobId.equals(row.get().jobId()) ? "" : " (the gateway's job was deduplicated onto it)"));

        started = log.now();
        Optional<List<SdpNote>> notes = await(NOTE, started, deadline, log, () -> {
            failIfWorkerGaveUp(context, requestId);
            List<SdpNote> found = client.listNotes(requestId);
            return found.isEmpty() ? Optional.empty() : Optional.of(found);
        });
        if (notes == null) {
            log.skipped(POSTED, NOTE_CONTENT);
            return;
        }
        if (notes.isEmpty()) {
            log.failed(NOTE, started, "no note on SDP request " + requestId + " within " + timeout.toSeconds() + "s"
                    + lastStatus(context, requestId));
            log.skipped(POSTED, NOTE_CONTENT);
            return;
        }
        log.passed(NOTE, started, notes.get().size() + " note(s), first " + notes.get().get(0).id());

        started = log.now();
        Optional<HistoryRow> posted = await(POSTED, started, deadline, log, () -> {
            failIfWorkerGaveUp(context, requestId);
            return history(context, requestId).stream().filter(r -> "posted".equals(r.status())).findFirst();
        });
        if (posted == null) {
            log.skipped(NOTE_CONTENT);
            return;
        }
        if (posted.isEmpty()) {
            log.failed(POSTED, started, "the history row never reached status posted" + lastStatus(context, requestId));
            log.skipped(NOTE_CONTENT);
            return;
        }
        HistoryRow history = posted.get();
        if (history.sdpNoteId() == null || history.sdpNoteId().isBlank()) {
            log.failed(POSTED, started, "the posted history row of job " + history.jobId() + " names no SDP note");
            log.skipped(NOTE_CONTENT);
            return;
        }
        log.passed(POSTED, started, "job " + history.jobId() + " posted note " + history.sdpNoteId());
        checkNoteContent(client, requestId, history, log);
    }

    /**
     * The note the history row names, read back from SDP now, is on the request and is the
     * enhancement: the worker's marker for that row and the note's sections.
     */
    private void checkNoteContent(SdpClient client, String requestId, HistoryRow history, StageLog log) {
        Instant started = log.now();
        List<SdpNote> notes;
        try {
            notes = client.listNotes(requestId);
        } catch (RuntimeException e) {
            log.failed(NOTE_CONTENT, started, GateFailures.describe(e));
            return;
        }
        Optional<SdpNote> named = notes.stream().filter(n -> history.sdpNoteId().equals(n.id())).findFirst();
        if (named.isEmpty()) {
            log.failed(NOTE_CONTENT, started, "the posted history row names note " + history.sdpNoteId()
                    + ", which is not on SDP request " + requestId);
            return;
        }
        List<String> missing = EnhancementNote.missing(named.get().descriptionHtml(), history.id());
        if (!missing.isEmpty()) {
            log.failed(NOTE_CONTENT, started, "note " + history.sdpNoteId() + " on SDP request " + requestId
                    + " is not the enhancement of history row " + history.id() + ": it lacks "
                    + String.join(", ", missing));
            return;
        }
        log.passed(NOTE_CONTENT, started, "note " + history.sdpNoteId() + " carries " + EnhancementNote.marker(history.id())
                + ", the heading and the sections " + String.join(", ", EnhancementNote.SECTIONS));
    }

    /**
     * Waits for {@code look}; empty when the deadline passed, null when looking failed (the stage is
     * then already recorded as failed with the reason).
     */
    private <T> Optional<T> await(String stage, Instant started, Instant deadline, StageLog log,
                                  java.util.function.Supplier<Optional<T>> look) throws InterruptedException {
        try {
            return poller.until(deadline, look);
        } catch (RuntimeException e) {
            log.failed(stage, started, GateFailures.describe(e));
            return null;
        }
    }

    private String deliverWebhook(GateContext context, String requestId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("ticket_id", requestId);
        payload.put("event", EnhancementJob.REQUEST_CREATED);
        payload.put("subject", "[gates-runner] golden path check " + context.runId());
        payload.put("created_at", clock.instant().toString());
        byte[] body;
        try {
            body = json.writeValueAsBytes(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        PeerHttp.Reply reply = services.deliverWebhook(context.tenantId(), body,
                WebhookAuthHeaders.forBody(context.config().webhook(), body));
        String jobId = reply.json().path("job_id").asText("");
        if (reply.status() != 202 || jobId.isEmpty()) {
            throw new PeerCallException(reply.describe() + (reply.status() == 202 ? " without a job_id" : ", expected 202"));
        }
        return jobId;
    }

    private List<HistoryRow> history(GateContext context, String requestId) {
        return checks.historyForTicket(context.tenantId(), requestId);
    }

    /** A worker that recorded {@code failed} will not post: stop waiting and say why. */
    private void failIfWorkerGaveUp(GateContext context, String requestId) {
        for (HistoryRow row : history(context, requestId)) {
            if ("failed".equals(row.status())) {
                throw new WorkerFailed("the worker recorded job " + row.jobId() + " as failed"
                        + (row.error() == null ? "" : ": " + GateFailures.clip(row.error())));
            }
        }
    }

    private String lastStatus(GateContext context, String requestId) {
        List<HistoryRow> rows = history(context, requestId);
        return rows.isEmpty() ? "" : " (history status: " + rows.get(0).status() + ")";
    }

    private void deleteRequest(SdpClient client, String requestId, StageLog log) {
        Instant started = log.now();
        try {
            client.deleteRequest(requestId);
            log.passed(CLEANUP, started, "request " + requestId + " deleted");
        } catch (RuntimeException e) {
            log.warning(CLEANUP, started, "could not delete request " + requestId + ": " + GateFailures.describe(e));
        }
    }

    /** Thrown from inside a wait when the worker gave the job up. */
    static final class WorkerFailed extends PeerCallException {
        private static final long serialVersionUID = 1L;

        WorkerFailed(String message) {
            super(message);
        }
    }
}
