package com.aiagents.platform.sdp;

import static com.aiagents.platform.sdp.SdpTestSupport.API_KEY;
import static com.aiagents.platform.sdp.SdpTestSupport.CLIENT_ID;
import static com.aiagents.platform.sdp.SdpTestSupport.CLIENT_SECRET;
import static com.aiagents.platform.sdp.SdpTestSupport.REFRESH_TOKEN;
import static com.aiagents.platform.sdp.SdpTestSupport.fixtureReply;
import static com.aiagents.platform.sdp.SdpTestSupport.formFields;
import static com.aiagents.platform.sdp.SdpTestSupport.tokenReply;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.sdp.model.NewSdpNote;
import com.aiagents.platform.sdp.model.NewSdpRequest;
import com.aiagents.platform.sdp.model.SdpNote;
import com.aiagents.platform.sdp.model.SdpRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SdpClientWritesTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @StartStop
    private final MockWebServer sdp = new MockWebServer();
    @StartStop
    private final MockWebServer accounts = new MockWebServer();

    private final ObjectMapper json = new ObjectMapper();
    private final SdpClientFactory factory = new SdpClientFactory(SdpTestSupport.fastConfig());

    @AfterEach
    void close() {
        factory.close();
    }

    @Test
    void createsARequestWithInputDataForm() throws Exception {
        sdp.enqueue(fixtureReply("request.json"));

        SdpRequest created = onPrem().createRequest(new NewSdpRequest("VPN drops every 10 minutes",
                "<div>Since Monday</div>", "Jane Doe", "jane.doe@acme.example", "High", null));

        assertThat(created.id()).isEqualTo("123640000000240013");
        RecordedRequest sent = sdp.takeRequest();
        assertThat(sent.getMethod()).isEqualTo("POST");
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/api/v3/requests");
        assertThat(sent.getHeaders().get("Content-Type")).startsWith(FORM);
        assertThat(json.readTree(formFields(sent).get("input_data"))).isEqualTo(json.readTree(
                "{\"request\":{\"subject\":\"VPN drops every 10 minutes\",\"description\":\"<div>Since Monday</div>\","
                        + "\"requester\":{\"name\":\"Jane Doe\",\"email_id\":\"jane.doe@acme.example\"},"
                        + "\"priority\":{\"name\":\"High\"}}}"));
    }

    @Test
    void addsAnOnPremNoteWrappedInNoteWithTheAuthtokenHeader() throws Exception {
        sdp.enqueue(fixtureReply("note-created-onprem.json"));

        SdpNote note = onPrem().addNote("123640000000240013", NewSdpNote.internal("<h3>AI-Generated Enhancement</h3>"));

        assertThat(note.id()).isEqualTo("123640000000250031");
        assertThat(note.addedAt()).isEqualTo(Instant.ofEpochMilli(1593165600000L));
        RecordedRequest sent = sdp.takeRequest();
        assertThat(sent.getHeaders().get("authtoken")).isEqualTo(API_KEY);
        assertThat(sent.getHeaders().get("Authorization")).isNull();
        assertIsNotePost(sent, "/api/v3/requests/123640000000240013/notes",
                "{\"note\":{\"description\":\"<h3>AI-Generated Enhancement</h3>\",\"show_to_requester\":false,"
                        + "\"mark_first_response\":false,\"add_to_linked_requests\":false}}");
    }

    @Test
    void addsACloudNoteWrappedInRequestNoteWithTheZohoToken() throws Exception {
        accounts.enqueue(tokenReply("1000.access.one"));
        sdp.enqueue(fixtureReply("note-created-cloud.json"));

        SdpNote note = cloud().addNote("123640000000240013",
                new NewSdpNote("<h3>AI-Generated Enhancement</h3>", false, false, false, true));

        assertThat(note.id()).isEqualTo("123640000000250032");
        assertThat(note.addedByName()).isEqualTo("API Technician");
        RecordedRequest sent = sdp.takeRequest();
        assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Zoho-oauthtoken 1000.access.one");
        assertThat(sent.getHeaders().get("authtoken")).isNull();
        assertIsNotePost(sent, "/api/v3/requests/123640000000240013/notes",
                "{\"request_note\":{\"description\":\"<h3>AI-Generated Enhancement</h3>\",\"show_to_requester\":false,"
                        + "\"mark_first_response\":false,\"add_to_linked_requests\":false,\"notify_technician\":true}}");
    }

    @Test
    void mintsTheCloudTokenWithTheRefreshGrant() throws Exception {
        accounts.enqueue(tokenReply("1000.access.one"));
        sdp.enqueue(fixtureReply("request.json"));

        cloud().getRequest("123640000000240013");

        RecordedRequest mint = accounts.takeRequest();
        assertThat(mint.getMethod()).isEqualTo("POST");
        assertThat(mint.getUrl().encodedPath()).isEqualTo("/oauth/v2/token");
        assertThat(formFields(mint)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "grant_type", "refresh_token", "client_id", CLIENT_ID,
                "client_secret", CLIENT_SECRET, "refresh_token", REFRESH_TOKEN));
    }

    /** A form POST whose only field, input_data, holds exactly {@code expectedInputData}. */
    private void assertIsNotePost(RecordedRequest sent, String path, String expectedInputData) throws Exception {
        assertThat(sent.getMethod()).isEqualTo("POST");
        assertThat(sent.getUrl().encodedPath()).isEqualTo(path);
        assertThat(sent.getHeaders().get("Accept")).isEqualTo("application/vnd.manageengine.sdp.v3+json");
        assertThat(sent.getHeaders().get("Content-Type")).startsWith(FORM);
        Map<String, String> form = formFields(sent);
        assertThat(form).containsOnlyKeys("input_data");
        assertThat(json.readTree(form.get("input_data"))).isEqualTo(json.readTree(expectedInputData));
    }

    private SdpClient onPrem() {
        return factory.clientFor(SdpConnection.onPrem("acme", sdp.url("/").toString(), API_KEY));
    }

    private SdpClient cloud() {
        return factory.clientFor(SdpConnection.cloud("globex", sdp.url("/").toString(), accounts.url("/").toString(),
                CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN));
    }
}
