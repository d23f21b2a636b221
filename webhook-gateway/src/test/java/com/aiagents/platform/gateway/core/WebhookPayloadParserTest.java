package com.aiagents.platform.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.api.JsonMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WebhookPayloadParserTest {
    private final WebhookPayloadParser parser = new WebhookPayloadParser(JsonMapper.create());

    private TicketEvent parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAFlatTicketIdWithTheDefaultEvent() {
        assertThat(parse("{\"ticket_id\":\"TKT-12345\",\"subject\":\"VPN down\"}"))
                .isEqualTo(new TicketEvent("TKT-12345", "request_created"));
    }

    @Test
    void readsAnSdpShapedRequestIdAsStringOrNumber() {
        assertThat(parse("{\"request\":{\"id\":\"100000042\"},\"event\":\"request_updated\"}"))
                .isEqualTo(new TicketEvent("100000042", "request_updated"));
        assertThat(parse("{\"request\":{\"id\":123456789012345678901234567890}}").ticketId())
                .isEqualTo("123456789012345678901234567890");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "{\"ticket_id\":\"\"}", "{\"ticket_id\":null}", "{\"ticket_id\":\"a b\"}", "{\"ticket_id\":\"../x\\n\"}",
        "{\"ticket_id\":1.5}", "{\"ticket_id\":-3}", "{\"ticket_id\":true}", "{\"ticket_id\":{}}", "{\"request\":\"7\"}",
        "{\"request\":{\"id\":[1]}}"})
    void rejectsABodyWithoutAUsableTicketId(String json) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> {
                    assertThat(r.outcome()).isEqualTo(WebhookOutcome.BAD_REQUEST);
                    assertThat(r.error()).isEqualTo("missing_ticket_id");
                });
    }

    @Test
    void rejectsATicketIdLongerThan64Characters() {
        assertThat(parse("{\"ticket_id\":\"" + "a".repeat(64) + "\"}").ticketId()).hasSize(64);
        assertThatThrownBy(() -> parse("{\"ticket_id\":\"" + "a".repeat(65) + "\"}")).isInstanceOf(WebhookRejection.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[1,2]", "\"str\"", "42", "{\"ticket_id\":", "{'a':1}", "\u00ff\u00fe", "{\"a\":1}{"})
    void rejectsWhatIsNotOneJsonObject(String body) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> assertThat(r.error()).isEqualTo("invalid_json"));
    }

    @Test
    void rejectsUnknownEvents() {
        assertThatThrownBy(() -> parse("{\"ticket_id\":\"1\",\"event\":\"request_deleted\"}"))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> assertThat(r.error()).isEqualTo("invalid_event"));
        assertThatThrownBy(() -> parse("{\"ticket_id\":\"1\",\"event\":7}")).isInstanceOf(WebhookRejection.class);
    }
}
