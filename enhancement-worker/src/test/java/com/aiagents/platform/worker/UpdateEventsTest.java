package com.aiagents.platform.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.sdp.model.NewSdpRequest;
import com.aiagents.platform.worker.support.Gateway;
import com.aiagents.platform.worker.support.WorkerEnvironment;
import com.aiagents.platform.worker.support.WorkerEnvironment.Tenant;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SDP's update webhook may carry only the ticket id, so every update of a ticket has the same body.
 * Through the real gateway and worker: each update that changed the ticket's content gets a note,
 * the update our own note causes (it moves the ticket's last_updated_time, nothing else) does not,
 * and a ticket gets at most {@code ticketNotesPerWindow} notes per window (the rest wait).
 */
class UpdateEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WorkerEnvironment env = new WorkerEnvironment(Map.of("ticketNotesPerWindow", "3"));

    /** Update deliveries a few hundred milliseconds apart are distinct here; the shipped window is 30 s. */
    static Gateway gateway;
    static Gateway shippedGateway;

    @BeforeAll
    static void startGateways() throws Exception {
        gateway = Gateway.start(env, Map.of("webhook.updateDedupWindow", "100ms"));
        // overrides are system properties shared by both gateways: the shipped value is set again explicitly
        shippedGateway = Gateway.start(env, Map.of("webhook.updateDedupWindow", "30 seconds"));
    }

    @AfterAll
    static void stopGateways() {
        gateway.close();
        shippedGateway.close();
    }

    @Test
    void identicalIdOnlyUpdatesGetANoteEachTimeTheTicketChangedAndNoneForOurOwnNote() throws Exception {
        Tenant t = env.createTenant("updates", null);
        String id = t.sdp().createRequest(NewSdpRequest.of("Printer offline", "The floor 3 printer is offline",
                "u@example.com")).id();
        String update = "{\"event\":\"request_updated\",\"ticket_id\":\"" + id + "\"}";
        Set<String> jobIds = new HashSet<>();

        accept(t, "{\"ticket_id\":\"" + id + "\"}", jobIds);
        await().atMost(WAIT).until(() -> t.sdp().listNotes(id).size() == 1);

        // the update SDP sends because of our note: the content did not change
        accept(t, update, jobIds);
        await().atMost(WAIT).until(() -> notNew() == 1);
        assertThat(t.sdp().listNotes(id)).hasSize(1);

        // a technician changes the subject: the same id-only body is a new event now
        change(t, id, "{\"request\":{\"subject\":\"Printer offline on floor 3 and 4\"}}");
        accept(t, update, jobIds);
        await().atMost(WAIT).until(() -> t.sdp().listNotes(id).size() == 2);
        accept(t, update, jobIds); // our second note's update
        await().atMost(WAIT).until(() -> notNew() == 2);

        change(t, id, "{\"request\":{\"priority\":\"High\"}}");
        accept(t, update, jobIds);
        await().atMost(WAIT).until(() -> t.sdp().listNotes(id).size() == 3);

        // a fourth change within the hour: the ticket's note budget (3) is spent, the job waits
        change(t, id, "{\"request\":{\"description\":\"Both printers on floors 3 and 4 are offline\"}}");
        accept(t, update, jobIds);
        await().atMost(WAIT).until(() -> outcome("deferred") >= 1);
        assertThat(t.sdp().listNotes(id)).hasSize(3);
        assertThat(env.historyStatuses(t.id(), id)).containsExactly("posted", "posted", "posted", "synthesized");
    }

    @Test
    void aRepeatedUpdateWithinThirtySecondsIsOneDelivery() throws Exception {
        Tenant t = env.createTenant("update-dedup", null);
        String body = "{\"event\":\"request_updated\",\"ticket_id\":\"T-1\"}";
        HttpResponse<String> first = shippedGateway.send(t, body);
        HttpResponse<String> second = shippedGateway.send(t, body);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(second.body()).path("job_id").asText())
                .isEqualTo(JSON.readTree(first.body()).path("job_id").asText());
    }

    /** Sends a delivery and checks it was queued as a new job (not answered as a repeat). */
    private static void accept(Tenant t, String body, Set<String> jobIds) throws Exception {
        HttpResponse<String> reply = gateway.send(t, body);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(202);
        assertThat(jobIds.add(JSON.readTree(reply.body()).path("job_id").asText())).as("a new job").isTrue();
    }

    /** A technician's edit in SDP ({@code PUT /api/v3/requests/{id}}). */
    private static void change(Tenant t, String id, String inputData) throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(t.sdpBaseUrl() + "/api/v3/requests/" + id))
                .header("authtoken", t.sdpApiKey())
                .header("Accept", "application/vnd.manageengine.sdp.v3+json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString("input_data=" + URLEncoder.encode(inputData, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    }

    /**
     * Updates acknowledged without a note: {@code unchanged} (content already enhanced by another
     * event of the ticket) or {@code duplicate} (by this very content's event).
     */
    private static int notNew() {
        return outcome("unchanged") + outcome("duplicate");
    }

    private static int outcome(String outcome) {
        String metrics = env.workerAdminHttp().get("/metrics", null).body();
        Matcher m = Pattern.compile("enhancement_requests_total\\{tenant_id=\"updates\",outcome=\"" + outcome
                + "\",} ([0-9.]+)").matcher(metrics);
        return m.find() ? (int) Double.parseDouble(m.group(1)) : 0;
    }
}
