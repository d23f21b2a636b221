package com.aiagents.platform.sdpsim;

import static com.aiagents.platform.sdpsim.SimulatorHttp.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.sdpsim.SimulatorHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The simulated SDP v3 API, spoken to raw, as a non-Java client would. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SdpApiTest {

    private static final DropwizardAppExtension<SdpSimulatorConfiguration> APP = SimulatorApp.extension();
    private static final Map<String, String> AUTH = Map.of("authtoken", "TECH-KEY");

    private SimulatorHttp http;
    private String instance;

    @BeforeEach
    void createInstance() {
        http = new SimulatorHttp(APP.getLocalPort());
        instance = uniqueName("api");
        http.createOnPrem(instance, "TECH-KEY");
    }

    @Test
    void createAnswersTheRequestInAnObjectEnvelope() {
        Reply created = create("{\"request\":{\"subject\":\"VPN drops\",\"description\":\"<p>since Monday</p>\","
                + "\"requester\":{\"name\":\"Jane Doe\",\"email_id\":\"jane@acme.example\"},\"priority\":{\"name\":\"high\"}}}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().get("Content-Type")).startsWith("application/json");
        JsonNode request = created.json().get("request");
        assertThat(request.get("id").isTextual()).isTrue();
        assertThat(request.get("id").asText()).matches("\\d{18}");
        assertThat(request.get("display_id").asText()).isEqualTo("1");
        assertThat(request.at("/status/name").asText()).isEqualTo("Open");
        assertThat(request.at("/priority/name").asText()).as("names are canonicalised").isEqualTo("High");
        assertThat(request.at("/requester/email_id").asText()).isEqualTo("jane@acme.example");
        assertThat(request.get("technician").isNull()).isTrue();
        assertThat(request.at("/created_time/value").asText()).matches("\\d{13}");
        assertThat(request.at("/created_time/display_value").asText()).isNotBlank();
        assertThat(request.get("resolved_time").isNull()).isTrue();
        assertThat(created.json().at("/response_status/status_code").asInt()).isEqualTo(2000);
        assertThat(created.json().get("response_status").isObject()).isTrue();
    }

    @Test
    void getAnswersAnObjectEnvelopeAndListAnArray() {
        String id = idOf(create(subject("Printer offline")));

        Reply single = http.sdp("GET", instance, "requests/" + id, AUTH, null);
        Reply list = http.sdp("GET", instance, "requests", AUTH, null);

        assertThat(single.json().at("/request/description").isNull()).isTrue();
        assertThat(single.json().get("response_status").isObject()).isTrue();
        assertThat(list.json().get("response_status").isArray()).isTrue();
        assertThat(list.json().at("/response_status/0/status_code").asInt()).isEqualTo(2000);
        assertThat(list.json().at("/requests/0/id").asText()).isEqualTo(id);
        assertThat(list.json().at("/requests/0").has("description")).as("list rows carry no full description").isFalse();
    }

    @Test
    void unknownRequestIs4007WithHttp404() {
        Reply reply = http.sdp("GET", instance, "requests/123", AUTH, null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().at("/response_status/status_code").asInt()).isEqualTo(4000);
        assertThat(reply.json().at("/response_status/messages/0/status_code").asInt()).isEqualTo(4007);
    }

    @Test
    void badOrMissingCredentialsAre4022WithHttp401() {
        Reply wrongKey = http.sdp("GET", instance, "requests", Map.of("authtoken", "WRONG"), null);
        Reply noKey = http.sdp("GET", instance, "requests/1", Map.of(), null);
        Reply zohoOnPrem = http.sdp("GET", instance, "requests", Map.of("Authorization", "Zoho-oauthtoken TECH-KEY"), null);

        assertThat(List.of(wrongKey.status(), noKey.status(), zohoOnPrem.status())).containsOnly(401);
        assertThat(wrongKey.json().at("/response_status/0/messages/0/status_code").asInt()).isEqualTo(4022);
        assertThat(noKey.json().at("/response_status/messages/0/status_code").asInt()).isEqualTo(4022);
    }

    @Test
    void inputErrorsAre4012Or4001() {
        assertThat(sdpCode(create("{\"request\":{\"description\":\"no subject\"}}"))).isEqualTo(4012);
        assertThat(sdpCode(create("{\"nothing\":{}}"))).isEqualTo(4012);
        assertThat(sdpCode(http.sdp("POST", instance, "requests", AUTH, null))).isEqualTo(4012);
        assertThat(sdpCode(create("{not json"))).isEqualTo(4001);
        Reply badPriority = create("{\"request\":{\"subject\":\"x\",\"priority\":{\"name\":\"Whenever\"}}}");
        assertThat(sdpCode(badPriority)).isEqualTo(4001);
        assertThat(badPriority.status()).isEqualTo(400);
        assertThat(badPriority.json().at("/response_status/messages/0/field").asText()).isEqualTo("priority");
        Reply tooMany = http.sdp("GET", instance, "requests", AUTH, "{\"list_info\":{\"row_count\":101}}");
        assertThat(tooMany.json().at("/response_status/0/messages/0/status_code").asInt()).isEqualTo(4001);
    }

    @Test
    void pagesThroughRequestsWithListInfo() {
        for (int i = 1; i <= 5; i++) {
            create(subject("Ticket " + i));
        }
        List<String> seen = new ArrayList<>();
        List<Boolean> hasMore = new ArrayList<>();
        for (int start = 1; start <= 5; start += 2) {
            JsonNode page = http.sdp("GET", instance, "requests", AUTH, "{\"list_info\":{\"row_count\":2,\"start_index\":"
                    + start + ",\"sort_field\":\"created_time\",\"sort_order\":\"asc\",\"get_total_count\":true}}").json();
            page.get("requests").forEach(r -> seen.add(r.get("subject").asText()));
            hasMore.add(page.at("/list_info/has_more_rows").asBoolean());
            assertThat(page.at("/list_info/start_index").asInt()).isEqualTo(start);
            assertThat(page.at("/list_info/total_count").asInt()).isEqualTo(5);
        }

        assertThat(seen).containsExactly("Ticket 1", "Ticket 2", "Ticket 3", "Ticket 4", "Ticket 5");
        assertThat(hasMore).containsExactly(true, true, false);
    }

    @Test
    void searchesByStatusNameAndSubject() {
        String resolved = idOf(create("{\"request\":{\"subject\":\"VPN drops\",\"status\":{\"name\":\"Resolved\"}}}"));
        String closed = idOf(create("{\"request\":{\"subject\":\"Printer jam\",\"status\":{\"name\":\"Closed\"}}}"));
        String open = idOf(create(subject("vpn slow")));

        assertThat(ids("[{\"field\":\"status.name\",\"condition\":\"is\",\"values\":[\"Resolved\",\"Closed\"]}]"))
                .containsExactlyInAnyOrder(resolved, closed);
        assertThat(ids("{\"field\":\"subject\",\"condition\":\"contains\",\"value\":\"VPN\"}"))
                .containsExactlyInAnyOrder(resolved, open);
        assertThat(ids("[{\"field\":\"subject\",\"condition\":\"contains\",\"value\":\"vpn\"},"
                + "{\"field\":\"status.name\",\"condition\":\"is\",\"value\":\"Open\",\"logical_operator\":\"AND\"}]"))
                .containsExactly(open);
        assertThat(ids("[{\"field\":\"subject\",\"condition\":\"starts with\",\"value\":\"printer\"},"
                + "{\"field\":\"status.name\",\"condition\":\"is\",\"value\":\"Open\",\"logical_operator\":\"OR\"}]"))
                .containsExactlyInAnyOrder(closed, open);
        Reply unsupported = http.sdp("GET", instance, "requests", AUTH,
                "{\"list_info\":{\"search_criteria\":{\"field\":\"udf_fields.x\",\"condition\":\"is\",\"value\":\"1\"}}}");
        assertThat(unsupported.json().at("/response_status/0/messages/0/status_code").asInt()).isEqualTo(4001);
    }

    @Test
    void updatingToResolvedSetsTheResolvedTimeAndTheResolutionIsASubResource() {
        String id = idOf(create(subject("Disk full")));
        assertThat(http.sdp("GET", instance, "requests/" + id + "/resolutions", AUTH, null).json()
                .at("/resolution/content").isNull()).isTrue();

        Reply updated = http.sdp("PUT", instance, "requests/" + id, AUTH,
                "{\"request\":{\"status\":{\"name\":\"Resolved\"},\"resolution\":{\"content\":\"<p>Rotated logs</p>\"}}}");
        Reply resolution = http.sdp("GET", instance, "requests/" + id + "/resolutions", AUTH, null);

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().at("/request/status/name").asText()).isEqualTo("Resolved");
        assertThat(updated.json().at("/request/resolved_time/value").asText()).matches("\\d{13}");
        assertThat(resolution.json().at("/resolution/content").asText()).isEqualTo("<p>Rotated logs</p>");
        Reply replaced = http.sdp("PUT", instance, "requests/" + id + "/resolutions", AUTH,
                "{\"resolution\":{\"content\":\"<p>Rotated and archived logs</p>\"}}");
        assertThat(replaced.json().at("/resolution/content").asText()).isEqualTo("<p>Rotated and archived logs</p>");
    }

    @Test
    void deletedRequestsAreGone() {
        String id = idOf(create(subject("Temporary")));

        Reply deleted = http.sdp("DELETE", instance, "requests/" + id, AUTH, null);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().at("/response_status/status_code").asInt()).isEqualTo(2000);
        assertThat(http.sdp("GET", instance, "requests/" + id, AUTH, null).status()).isEqualTo(404);
        assertThat(http.sdp("GET", instance, "requests/" + id + "/notes", AUTH, null).status()).isEqualTo(404);
    }

    @Test
    void onPremNotesAreWrappedInNoteAndListedInOrder() {
        String id = idOf(create(subject("Outlook")));

        Reply first = http.sdp("POST", instance, "requests/" + id + "/notes", AUTH,
                "{\"note\":{\"description\":\"<p>first</p>\",\"show_to_requester\":true}}");
        http.sdp("POST", instance, "requests/" + id + "/notes", AUTH, "{\"note\":{\"description\":\"<p>second</p>\"}}");
        Reply cloudShaped = http.sdp("POST", instance, "requests/" + id + "/notes", AUTH,
                "{\"request_note\":{\"description\":\"<p>wrong wrapper</p>\"}}");
        Reply listed = http.sdp("GET", instance, "requests/" + id + "/notes", AUTH, null);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().at("/note/show_to_requester").asBoolean()).isTrue();
        assertThat(first.json().at("/note/added_time/value").asText()).matches("\\d{13}");
        assertThat(first.json().at("/note").has("notify_technician")).isFalse();
        assertThat(sdpCode(cloudShaped)).isEqualTo(4012);
        assertThat(listed.json().get("notes")).extracting(n -> n.get("description").asText())
                .containsExactly("<p>first</p>", "<p>second</p>");
        assertThat(listed.json().get("response_status").isArray()).isTrue();
    }

    @Test
    void anUnknownInstanceOrPathIs4007() {
        Reply noInstance = http.sdp("GET", uniqueName("nobody"), "requests", AUTH, null);
        Reply noPath = http.sdp("GET", instance, "problems", AUTH, null);

        assertThat(noInstance.status()).isEqualTo(404);
        assertThat(noInstance.json().at("/response_status/0/messages/0/status_code").asInt()).isEqualTo(4007);
        assertThat(noPath.status()).isEqualTo(404);
        assertThat(noPath.json().at("/response_status/messages/0/status_code").asInt()).isEqualTo(4007);
    }

    private Reply create(String inputData) {
        return http.sdp("POST", instance, "requests", AUTH, inputData);
    }

    private static String subject(String subject) {
        return "{\"request\":{\"subject\":\"" + subject + "\"}}";
    }

    private static String idOf(Reply created) {
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().at("/request/id").asText();
    }

    private static int sdpCode(Reply reply) {
        return reply.json().at("/response_status/messages/0/status_code").asInt();
    }

    private List<String> ids(String searchCriteria) {
        JsonNode page = http.sdp("GET", instance, "requests", AUTH,
                "{\"list_info\":{\"row_count\":100,\"search_criteria\":" + searchCriteria + "}}").json();
        List<String> ids = new ArrayList<>();
        page.get("requests").forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }
}
