package com.aiagents.platform.sdpsim.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The simulator's control API ({@code /sim}, docs/sdp-integration.md) for the tests of other modules
 * that run the real simulator: instances, seeded tickets, faults, and what an instance holds. Any
 * refusal is an {@link IllegalStateException} with the simulator's answer, so a test set-up that
 * went wrong says where.
 */
public final class SimulatorControl {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OkHttpClient http = new OkHttpClient();
    private final String baseUrl;

    /** @param baseUrl the simulator's application root, e.g. {@code http://127.0.0.1:8090} */
    public SimulatorControl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Creates an on-prem instance {@code name} that accepts {@code apiKey}; returns its base URL (a tenant's servicedesk_url). */
    public String createInstance(String name, String apiKey) {
        JsonNode created = call("POST", "/sim/instances", Map.of("name", name, "edition", "onprem", "api_key", apiKey), 201);
        return created.path("base_url").asText();
    }

    /**
     * Creates an MSP instance {@code name} holding {@code sitesByAccount} (account name to its sites);
     * returns its base URL.
     */
    public String createMspInstance(String name, String apiKey, Map<String, List<String>> sitesByAccount) {
        JsonNode created = call("POST", "/sim/instances",
                Map.of("name", name, "edition", "msp", "api_key", apiKey, "accounts", sitesByAccount), 201);
        return created.path("base_url").asText();
    }

    /** MSP: seeds {@code count} resolved requests into {@code account}/{@code site}; returns their ids. */
    public List<String> seed(String instance, int count, long seed, String account, String site) {
        JsonNode seeded = call("POST", "/sim/instances/" + instance + "/seed",
                Map.of("resolved_requests", count, "seed", seed, "account", account, "site", site), 201);
        List<String> ids = new ArrayList<>();
        seeded.path("request_ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** Creates {@code count} resolved requests from the simulator's corpus; returns their ids. */
    public List<String> seed(String instance, int count, long seed) {
        JsonNode seeded = call("POST", "/sim/instances/" + instance + "/seed", Map.of("resolved_requests", count, "seed", seed), 201);
        List<String> ids = new ArrayList<>();
        seeded.path("request_ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** Sets the instance's faults, as the PATCH body's {@code faults} object, e.g. {@code {"down": true}}. */
    public void faults(String instance, String faultsJson) {
        try {
            call("PATCH", "/sim/instances/" + instance, Map.of("faults", MAPPER.readTree(faultsJson)), 200);
        } catch (IOException e) {
            throw new IllegalArgumentException("faults must be a JSON object: " + faultsJson, e);
        }
    }

    /** "down": 503 on every SDP call of the instance. */
    public void setDown(String instance, boolean down) {
        faults(instance, "{\"down\": " + down + "}");
    }

    /** Added latency on every SDP call of the instance (0: none). */
    public void setLatency(String instance, int millis) {
        faults(instance, "{\"latency_ms\": " + millis + "}");
    }

    /** Points the instance's webhook at {@code url}, signed ({@code hmac}) or carrying ({@code token}) {@code secret}. */
    public void setWebhook(String instance, String url, String mode, String secret) {
        call("PATCH", "/sim/instances/" + instance,
                Map.of("webhook", Map.of("url", url, "mode", mode, "secret", secret)), 200);
    }

    /** The instance sends no webhook any more, as an SDP whose trigger is gone or was never set up. */
    public void removeWebhook(String instance) {
        call("PATCH", "/sim/instances/" + instance, Map.of("remove_webhook", true), 200);
    }

    /** The instance as the control API shows it (settings, faults, stats). */
    public JsonNode instance(String instance) {
        return call("GET", "/sim/instances/" + instance, null, 200);
    }

    /**
     * Every request the instance holds, then every one deleted over the SDP API ({@code deleted_at}
     * set), each as {@code {"id", "display_id", "subject", "status", "account", "site", "created_at"}}.
     */
    public List<JsonNode> requests(String instance) {
        List<JsonNode> requests = new ArrayList<>();
        call("GET", "/sim/instances/" + instance + "/requests", null, 200).path("requests").forEach(requests::add);
        return requests;
    }

    /** How many notes the instance holds in all. */
    public int noteCount(String instance) {
        return instance(instance).path("stats").path("notes").asInt();
    }

    private JsonNode call(String method, String path, Object body, int expectedStatus) {
        try {
            RequestBody json = body == null ? null : RequestBody.create(MAPPER.writeValueAsBytes(body), JSON);
            Request request = new Request.Builder().url(baseUrl + path).method(method, json).build();
            try (Response response = http.newCall(request).execute()) {
                String text = response.body().string();
                if (response.code() != expectedStatus) {
                    throw new IllegalStateException("simulator answered " + method + " " + path + " with "
                            + response.code() + ": " + text);
                }
                return MAPPER.readTree(text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        }
    }
}
