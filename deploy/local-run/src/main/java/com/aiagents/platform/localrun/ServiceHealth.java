package com.aiagents.platform.localrun;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a service's admin {@code /healthcheck}: 200 when every check passes. */
final class ServiceHealth {
    private final HttpJson http;

    ServiceHealth(HttpJson http) {
        this.http = http;
    }

    /** Null when healthy; otherwise what is not (unreachable, or the failing checks' names and messages). */
    String problem(String adminUrl) throws InterruptedException {
        try {
            HttpJson.Reply reply = http.get(adminUrl + "/healthcheck", Map.of());
            if (reply.status() == 200) {
                return null;
            }
            List<String> failing = new ArrayList<>();
            for (var entry : (Iterable<Map.Entry<String, JsonNode>>) reply.body()::fields) {
                if (!entry.getValue().path("healthy").asBoolean(true)) {
                    failing.add(entry.getKey() + " (" + entry.getValue().path("message").asText("unhealthy") + ")");
                }
            }
            return failing.isEmpty() ? "healthcheck answered " + reply.status() : "unhealthy: " + String.join(", ", failing);
        } catch (IOException e) {
            return "not answering on " + adminUrl;
        }
    }
}
