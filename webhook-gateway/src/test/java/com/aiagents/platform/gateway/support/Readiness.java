package com.aiagents.platform.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;

/** The gateway's readiness ({@code GET /health-check} on the admin port) as the tests read it. */
public final class Readiness {
    private Readiness() {
    }

    public static GatewayClient.Reply of(GatewayClient admin) {
        return admin.get("/health-check");
    }

    /** Whether the health subsystem's last scheduled run of {@code check} passed. */
    public static boolean healthy(GatewayClient.Reply readiness, String check) {
        for (JsonNode state : readiness.json()) {
            if (check.equals(state.path("name").asText())) {
                return state.path("healthy").asBoolean();
            }
        }
        throw new AssertionError("no check " + check + " in " + readiness.text());
    }
}
