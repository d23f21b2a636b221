package com.aiagents.platform.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.sdp.model.NewSdpRequest;
import com.aiagents.platform.sdp.model.SdpNote;
import com.aiagents.platform.worker.core.NoteMarker;
import com.aiagents.platform.worker.db.TicketHistoryDao;
import com.aiagents.platform.worker.db.TicketRecord;
import com.aiagents.platform.worker.support.WorkerEnvironment;
import com.aiagents.platform.worker.support.WorkerEnvironment.Tenant;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SDP renders every note as HTML, so markup in a ticket, in its retrieved context or in the LLM's
 * reply must reach the note escaped whatever the tenant's output format, and the note's marker
 * must still be found when a crashed posting is recovered.
 */
class NoteSafetyTest {
    private static final String HOSTILE = "<img src=x onerror=alert(1)> &amp;";
    private static final String ESCAPED = "&lt;img src=x onerror=alert(1)&gt; &amp;amp;";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final MockWebServer LLM = echoingLlm();

    @RegisterExtension
    static WorkerEnvironment env = new WorkerEnvironment(Map.of("llm.baseUrl", LLM.url("/v1").toString(),
            "llm.apiKey", "unused-key"));

    @AfterAll
    static void stopLlm() {
        LLM.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"html", "markdown", "text"})
    void markupFromTicketContextAndModelIsEscapedAndTheMarkerStillRecoversThePosting(String format) {
        Tenant t = env.createTenant("safe-" + format, "{\"output_format\":\"" + format + "\",\"include_confidence_score\":true}");
        env.database().inTenant(t.id(), h -> new TicketHistoryDao().upsert(h, List.of(new TicketRecord("H-1",
                "Printer spooler jams " + HOSTILE, "Spooler jams", "Restarted the spooler " + HOSTILE, "Hardware", "High",
                "Resolved", "seed", null))));
        // SDP holds a description as HTML: the text a requester typed arrives entity-encoded
        String id = t.sdp().createRequest(NewSdpRequest.of("Printer spooler jams " + HOSTILE,
                "<p>Spooler jams &lt;img src=x onerror=alert(1)&gt; &amp;amp; again</p>", "user@example.com")).id();
        EnhancementJob job = WorkerEnvironment.job(t.id(), id);
        env.enqueue(List.of(job));
        await().atMost(Duration.ofSeconds(30)).until(() -> env.historyStatuses(t.id(), id).contains("posted"));

        String note = t.sdp().listNotes(id).get(0).descriptionHtml();
        assertThat(note).doesNotContain("<img")
                .contains("AI-Generated Enhancement (", "Likely Cause", "Suggested Actions", "Related Tickets", "Confidence: 64%")
                .contains("Subject: Printer spooler jams " + ESCAPED, "Description: Spooler jams " + ESCAPED + " again",
                        "Restarted the spooler " + ESCAPED, "echo/" + ESCAPED)
                .contains("H-1", "same printer " + ESCAPED);

        // a worker that died between posting and recording: the next job of the event must find
        // the note by its marker instead of posting a second one
        String marker = env.database().inTenant(t.id(), h -> h.createQuery(
                "SELECT note_marker FROM enhancement_history WHERE ticket_id = :t").bind("t", id).mapTo(String.class).one());
        assertThat(NoteMarker.findIn(t.sdp().listNotes(id), marker)).isPresent();
        env.database().inTenant(t.id(), h -> h.createUpdate("UPDATE enhancement_history SET status = 'posting', "
                + "job_id = 'crashed-job', sdp_note_id = NULL, updated_at = now() - interval '1 hour' WHERE ticket_id = :t")
                .bind("t", id).execute());
        env.enqueue(List.of(new EnhancementJob("again-" + job.jobId(), job.tenantId(), id, job.event(), job.eventKey(),
                job.receivedAt(), 0, null)));
        await().atMost(Duration.ofSeconds(30)).until(() -> env.historyStatuses(t.id(), id).contains("posted"));
        List<SdpNote> notes = t.sdp().listNotes(id);
        assertThat(notes).hasSize(1);
        assertThat(noteIdRecorded(t.id(), id)).isEqualTo(notes.get(0).id());
    }

    private static String noteIdRecorded(TenantId tenant, String ticketId) {
        return env.database().inTenant(tenant, h -> h.createQuery(
                "SELECT sdp_note_id FROM enhancement_history WHERE ticket_id = :t").bind("t", ticketId).mapTo(String.class).one());
    }

    /** A model that quotes the whole prompt (ticket and context) back, and markup of its own. */
    private static MockWebServer echoingLlm() {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    String prompt = JSON.readTree(request.getBody().utf8()).path("messages").path(1).path("content").asText();
                    ObjectNode answer = JSON.createObjectNode().put("likely_cause", prompt).put("confidence", 64);
                    answer.putArray("suggested_actions").add("Restart the spooler " + HOSTILE); // grounded: the resolution has it
                    answer.putArray("related_tickets").addObject().put("ticket_id", "H-1").put("reason", "same printer " + HOSTILE);
                    ObjectNode root = JSON.createObjectNode().put("model", "echo/" + HOSTILE);
                    root.putArray("choices").addObject().putObject("message").put("content", answer.toString());
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                            .body(root.toString()).build();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }
}
