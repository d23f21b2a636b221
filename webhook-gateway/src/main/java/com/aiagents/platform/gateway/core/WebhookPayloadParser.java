package com.aiagents.platform.gateway.core;

import com.aiagents.platform.api.EnhancementJob;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the ticket id and event in an already authenticated body: flat {@code {"ticket_id": ...}}
 * or SDP-shaped {@code {"request": {"id": ...}}}, the id as a string or a non-negative integer.
 * The id is validated because it ends up in SDP URLs and log lines.
 */
public final class WebhookPayloadParser {
    private static final Pattern TICKET_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Set<String> EVENTS = Set.of(EnhancementJob.REQUEST_CREATED, EnhancementJob.REQUEST_UPDATED);

    private final ObjectReader reader;

    public WebhookPayloadParser(ObjectMapper mapper) {
        // "{...}{" or "{...} junk" is not one JSON object; by default Jackson would stop after the first.
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public TicketEvent parse(byte[] body) {
        JsonNode root = readObject(body);
        return new TicketEvent(ticketId(root), event(root));
    }

    private JsonNode readObject(byte[] body) {
        JsonNode root;
        try {
            root = reader.readTree(body);
        } catch (JacksonException e) {
            throw bad("invalid_json", "the body is not valid JSON");
        } catch (IOException e) {
            throw bad("invalid_json", "the body could not be read as JSON");
        }
        if (root == null || !root.isObject()) {
            throw bad("invalid_json", "the body must be a JSON object");
        }
        return root;
    }

    private static String ticketId(JsonNode root) {
        JsonNode id = root.get("ticket_id");
        if (id == null || id.isNull()) {
            JsonNode request = root.get("request");
            id = request != null && request.isObject() ? request.get("id") : null;
        }
        String text = null;
        if (id != null && id.isTextual()) {
            text = id.textValue();
        } else if (id != null && id.isIntegralNumber() && id.bigIntegerValue().signum() >= 0) {
            text = id.bigIntegerValue().toString();
        }
        if (text == null || !TICKET_ID.matcher(text).matches()) {
            throw bad("missing_ticket_id", "the body must name the ticket as ticket_id or request.id"
                    + " (1-64 characters of A-Z a-z 0-9 . _ -)");
        }
        return text;
    }

    private static String event(JsonNode root) {
        JsonNode event = root.get("event");
        if (event == null || event.isNull()) {
            return EnhancementJob.REQUEST_CREATED;
        }
        if (!event.isTextual() || !EVENTS.contains(event.textValue())) {
            throw bad("invalid_event", "event must be request_created or request_updated");
        }
        return event.textValue();
    }

    private static WebhookRejection bad(String error, String message) {
        return WebhookRejection.of(WebhookOutcome.BAD_REQUEST, error, message);
    }
}
