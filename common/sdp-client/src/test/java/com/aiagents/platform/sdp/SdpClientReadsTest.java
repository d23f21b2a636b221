package com.aiagents.platform.sdp;

import static com.aiagents.platform.sdp.SdpTestSupport.API_KEY;
import static com.aiagents.platform.sdp.SdpTestSupport.fixtureReply;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.sdp.model.SdpListQuery;
import com.aiagents.platform.sdp.model.SdpNote;
import com.aiagents.platform.sdp.model.SdpPage;
import com.aiagents.platform.sdp.model.SdpRequest;
import com.aiagents.platform.sdp.model.SdpResolution;
import com.aiagents.platform.sdp.model.SdpSearchCriterion;
import com.aiagents.platform.sdp.model.SdpSortOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SdpClientReadsTest {

    @StartStop
    private final MockWebServer sdp = new MockWebServer();

    private final ObjectMapper json = new ObjectMapper();
    private SdpClientFactory factory;
    private SdpClient client;

    @BeforeEach
    void connect() {
        factory = new SdpClientFactory(SdpTestSupport.fastConfig());
        client = factory.clientFor(SdpConnection.onPrem("acme", sdp.url("/").toString(), API_KEY));
    }

    @AfterEach
    void close() {
        factory.close();
    }

    @Test
    void getsARequestWithNullNestedObjectsAndUnknownFields() throws Exception {
        sdp.enqueue(fixtureReply("request.json"));

        SdpRequest request = client.getRequest("123640000000240013");

        assertThat(request.id()).isEqualTo("123640000000240013");
        assertThat(request.displayId()).isEqualTo("42");
        assertThat(request.subject()).isEqualTo("VPN drops every 10 minutes");
        assertThat(request.descriptionHtml()).startsWith("<div>Since Monday");
        assertThat(request.status()).isEqualTo("Open");
        assertThat(request.priority()).isNull();
        assertThat(request.requesterName()).isEqualTo("Jane Doe");
        assertThat(request.requesterEmail()).isEqualTo("jane.doe@acme.example");
        assertThat(request.technicianName()).isNull();
        assertThat(request.createdAt()).isEqualTo(Instant.ofEpochMilli(1593000300533L));
        assertThat(request.updatedAt()).isNull();

        RecordedRequest sent = sdp.takeRequest();
        assertThat(sent.getMethod()).isEqualTo("GET");
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/api/v3/requests/123640000000240013");
        assertThat(sent.getHeaders().get("authtoken")).isEqualTo(API_KEY);
        assertThat(sent.getHeaders().get("Accept")).isEqualTo("application/vnd.manageengine.sdp.v3+json");
        assertThat(sent.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void listsRequestsWithListInfoAndReadsThePage() throws Exception {
        sdp.enqueue(fixtureReply("requests-page.json"));

        SdpPage<SdpRequest> page = client.listRequests(SdpListQuery.firstPage(2)
                .where(SdpSearchCriterion.is("status.name", "Resolved", "Closed"))
                .where(SdpSearchCriterion.contains("subject", "VPN"))
                .sortedBy("created_time", SdpSortOrder.DESC)
                .withTotalCount());

        assertThat(page.items()).extracting(SdpRequest::id)
                .containsExactly("123640000000240013", "123640000000240019");
        assertThat(page.hasMoreRows()).isTrue();
        assertThat(page.totalCount()).isEqualTo(57L);
        assertThat(page.nextStartIndex()).isEqualTo(3);
        SdpRequest resolved = page.items().get(0);
        assertThat(resolved.status()).isEqualTo("Resolved");
        assertThat(resolved.priority()).isEqualTo("High");
        assertThat(resolved.requesterEmail()).isNull();
        assertThat(resolved.technicianName()).isEqualTo("Sam Tech");
        assertThat(resolved.updatedAt()).isEqualTo(Instant.ofEpochMilli(1593075600000L));
        assertThat(resolved.resolvedAt()).isEqualTo(Instant.ofEpochMilli(1593075600000L));
        SdpRequest sparse = page.items().get(1);
        assertThat(sparse.status()).isNull();
        assertThat(sparse.requesterName()).isNull();
        assertThat(sparse.createdAt()).as("unparseable time is dropped, not fatal").isNull();

        JsonNode listInfo = json.readTree(sdp.takeRequest().getUrl().queryParameter("input_data")).get("list_info");
        assertThat(listInfo.get("row_count").asInt()).isEqualTo(2);
        assertThat(listInfo.get("start_index").asInt()).isEqualTo(1);
        assertThat(listInfo.get("sort_field").asText()).isEqualTo("created_time");
        assertThat(listInfo.get("sort_order").asText()).isEqualTo("desc");
        assertThat(listInfo.get("get_total_count").asBoolean()).isTrue();
        JsonNode criteria = listInfo.get("search_criteria");
        assertThat(criteria.get(0).get("field").asText()).isEqualTo("status.name");
        assertThat(criteria.get(0).get("condition").asText()).isEqualTo("is");
        assertThat(criteria.get(0).get("values")).extracting(JsonNode::asText).containsExactly("Resolved", "Closed");
        assertThat(criteria.get(0).has("logical_operator")).isFalse();
        assertThat(criteria.get(1).get("value").asText()).isEqualTo("VPN");
        assertThat(criteria.get(1).get("logical_operator").asText()).isEqualTo("AND");
    }

    @Test
    void readsAResolution() throws Exception {
        sdp.enqueue(fixtureReply("resolution.json"));

        Optional<SdpResolution> resolution = client.getResolution("123640000000240013");

        assertThat(resolution).hasValueSatisfying(r -> {
            assertThat(r.contentHtml()).isEqualTo("<p>Raised the VPN idle timeout to 60 minutes.</p>");
            assertThat(r.submittedByName()).isEqualTo("Sam Tech");
            assertThat(r.submittedAt()).isEqualTo(Instant.ofEpochMilli(1593075600000L));
        });
        assertThat(sdp.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v3/requests/123640000000240013/resolutions");
    }

    @Test
    void aResolutionWithNullContentIsEmpty() {
        sdp.enqueue(fixtureReply("resolution-empty.json"));

        assertThat(client.getResolution("123640000000240013")).isEmpty();
    }

    @Test
    void listsNotesAcrossPages() throws Exception {
        sdp.enqueue(fixtureReply("notes-page-1.json"));
        sdp.enqueue(fixtureReply("notes-page-2.json"));

        List<SdpNote> notes = client.listNotes("123640000000240013");

        assertThat(notes).extracting(SdpNote::id).containsExactly("123640000000250001", "123640000000250007");
        assertThat(notes.get(0).addedByName()).isEqualTo("Sam Tech");
        assertThat(notes.get(0).addedAt()).isEqualTo(Instant.ofEpochMilli(1593003600000L));
        assertThat(notes.get(1).showToRequester()).isTrue();
        assertThat(notes.get(1).addedAt()).as("created_time is accepted too").isEqualTo(Instant.ofEpochMilli(1593007200000L));

        RecordedRequest first = sdp.takeRequest();
        RecordedRequest second = sdp.takeRequest();
        assertThat(first.getUrl().encodedPath()).isEqualTo("/api/v3/requests/123640000000240013/notes");
        assertThat(startIndexOf(first)).isEqualTo(1);
        assertThat(startIndexOf(second)).isEqualTo(2);
    }

    @Test
    void deletesARequest() throws Exception {
        sdp.enqueue(fixtureReply("success.json"));

        client.deleteRequest("123640000000240013");

        RecordedRequest sent = sdp.takeRequest();
        assertThat(sent.getMethod()).isEqualTo("DELETE");
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/api/v3/requests/123640000000240013");
    }

    @Test
    void keepsTheServiceDeskPathPrefixOfCloudPortals() throws Exception {
        SdpClient portal = factory.clientFor(SdpConnection.onPrem("portal", sdp.url("/app/itdesk").toString(), API_KEY));
        sdp.enqueue(fixtureReply("request.json"));

        portal.getRequest("123640000000240013");

        assertThat(sdp.takeRequest().getUrl().encodedPath()).isEqualTo("/app/itdesk/api/v3/requests/123640000000240013");
    }

    private int startIndexOf(RecordedRequest request) throws Exception {
        return json.readTree(request.getUrl().queryParameter("input_data")).at("/list_info/start_index").asInt();
    }
}
