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

@ExtendWith(DropwizardExtensionsSupport.class)
class SeedTest {

    private static final DropwizardAppExtension<SdpSimulatorConfiguration> APP = SimulatorApp.extension();
    private static final Map<String, String> AUTH = Map.of("authtoken", "K");

    private SimulatorHttp http;

    @BeforeEach
    void connect() {
        http = new SimulatorHttp(APP.getLocalPort());
    }

    @Test
    void seedsResolvedRequestsWithResolutions() {
        String instance = instanceSeeded(12, 7);

        JsonNode requests = history(instance);

        assertThat(requests).hasSize(12);
        for (JsonNode request : requests) {
            assertThat(request.at("/status/name").asText()).isIn("Resolved", "Closed");
            assertThat(request.at("/resolved_time/value").asText()).matches("\\d{13}");
            assertThat(request.at("/requester/email_id").asText()).endsWith("@acme.example");
            assertThat(request.at("/category/name").asText()).isNotBlank();
            JsonNode resolution = http.sdp("GET", instance, "requests/" + request.get("id").asText() + "/resolutions",
                    AUTH, null).json();
            assertThat(resolution.at("/resolution/content").asText()).startsWith("<p>");
        }
    }

    @Test
    void theSameSeedGivesTheSameHistory() {
        List<String> first = fingerprint(instanceSeeded(20, 42));
        List<String> second = fingerprint(instanceSeeded(20, 42));
        List<String> other = fingerprint(instanceSeeded(20, 43));

        assertThat(first).isEqualTo(second);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void refusesAnImpossibleCount() {
        String instance = uniqueName("seed");
        http.createOnPrem(instance, "K");

        Reply none = http.sim("POST", "/sim/instances/" + instance + "/seed", "{\"resolved_requests\":0}");
        Reply tooMany = http.sim("POST", "/sim/instances/" + instance + "/seed", "{\"resolved_requests\":1001}");

        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().get("error").asText()).isEqualTo("invalid-seed");
        assertThat(tooMany.status()).isEqualTo(400);
    }

    private String instanceSeeded(int count, long seed) {
        String instance = uniqueName("seed");
        http.createOnPrem(instance, "K");
        Reply seeded = http.sim("POST", "/sim/instances/" + instance + "/seed",
                "{\"resolved_requests\":" + count + ",\"seed\":" + seed + "}");
        assertThat(seeded.status()).isEqualTo(201);
        assertThat(seeded.json().get("created").asInt()).isEqualTo(count);
        assertThat(seeded.json().get("request_ids")).hasSize(count);
        return instance;
    }

    private JsonNode history(String instance) {
        return http.sdp("GET", instance, "requests", AUTH, "{\"list_info\":{\"row_count\":100,\"sort_field\":\"display_id\","
                + "\"sort_order\":\"asc\",\"search_criteria\":{\"field\":\"status.name\",\"condition\":\"is\","
                + "\"values\":[\"Resolved\",\"Closed\"]}}}").json().get("requests");
    }

    /** What must repeat for the same seed: content, people, order and times. */
    private List<String> fingerprint(String instance) {
        List<String> rows = new ArrayList<>();
        for (JsonNode r : history(instance)) {
            String id = r.get("id").asText();
            String resolution = http.sdp("GET", instance, "requests/" + id + "/resolutions", AUTH, null)
                    .json().at("/resolution/content").asText();
            rows.add(String.join("|", r.get("subject").asText(), r.at("/priority/name").asText(),
                    r.at("/status/name").asText(), r.at("/requester/email_id").asText(),
                    r.at("/technician/name").asText(), r.at("/created_time/value").asText(), resolution));
        }
        return rows;
    }
}
