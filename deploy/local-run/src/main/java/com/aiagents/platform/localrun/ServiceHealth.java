package com.aiagents.platform.localrun;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads a service's admin {@code /healthcheck}: 200 when every check passes. */
final class ServiceHealth {
    private final HttpJson http;

    ServiceHealth(HttpJson http) {
        this.http = http;
    }

    /** What a health check answered: healthy, or the failing checks (name → message). */
    record Report(boolean answered, int status, Map<String, String> failing) {
        boolean healthy() {
            return status == 200;
        }

        /** Healthy but for checks on the given services (peers this run does not start). */
        boolean healthyExcept(Set<String> absentPeers) {
            return answered && !failing.isEmpty() && absentPeers.containsAll(failing.keySet());
        }

        String describe() {
            if (!answered) {
                return "not answering";
            }
            if (failing.isEmpty()) {
                return "healthcheck answered " + status;
            }
            StringBuilder out = new StringBuilder("unhealthy: ");
            failing.forEach((name, message) -> out.append(name).append(" (").append(message).append(") "));
            return out.toString().strip();
        }
    }

    Report check(String adminUrl) throws InterruptedException {
        try {
            HttpJson.Reply reply = http.get(adminUrl + "/healthcheck", Map.of());
            Map<String, String> failing = new LinkedHashMap<>();
            if (reply.status() != 200) {
                for (var entry : (Iterable<Map.Entry<String, JsonNode>>) reply.body()::fields) {
                    if (!entry.getValue().path("healthy").asBoolean(true)) {
                        failing.put(entry.getKey(), entry.getValue().path("message").asText("unhealthy"));
                    }
                }
            }
            return new Report(true, reply.status(), failing);
        } catch (IOException e) {
            return new Report(false, 0, Map.of());
        }
    }
}
