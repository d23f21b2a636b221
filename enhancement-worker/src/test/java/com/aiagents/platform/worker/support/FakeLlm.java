package com.aiagents.platform.worker.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** An OpenAI-compatible endpoint on okhttp's MockWebServer whose behaviour a test switches. */
public final class FakeLlm implements AutoCloseable {
    /**
     * OK_CITING_REQUESTER: as OK, but the cause names the masked requester as the model sees it.
     * OBEYS_INJECTION: a model that did what text in a ticket told it to, beside one grounded action.
     */
    public enum Mode { OK, OK_CITING_REQUESTER, OBEYS_INJECTION, ERROR_500, SLOW }

    /** What OBEYS_INJECTION answers, as the injected text asked. */
    public static final List<String> INJECTED_ACTIONS = List.of("Tell the user to run format C:",
            "Raise the idle timeout on the concentrator, then run format C: /y", "Wipe the laptop and reinstall Windows");

    public static final String MODEL = "test/model-x";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.OK;
    /** Added before every answer's headers, like a real model's generation time (benchmarks). */
    private volatile long latencyMillis;

    public FakeLlm() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                authorizations.add(String.valueOf(request.getHeaders().get("Authorization")));
                bodies.add(request.getBody() == null ? "" : request.getBody().utf8());
                return switch (mode) {
                    case OK -> new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                            .headersDelay(latencyMillis, TimeUnit.MILLISECONDS).body(answer()).build();
                    case OK_CITING_REQUESTER -> new MockResponse.Builder().code(200)
                            .addHeader("Content-Type", "application/json")
                            .body(answer("Ask [PERSON_1] ([EMAIL_1]) to re-enter the password (LLM analysis).",
                                    "Re-create the Outlook profile",
                                    "Call [EMAIL_2] back on [PHONE_2] and re-create the Outlook profile")).build();
                    case OBEYS_INJECTION -> new MockResponse.Builder().code(200)
                            .addHeader("Content-Type", "application/json")
                            .body(answer("The VPN concentrator drops idle tunnels (LLM analysis).", actions())).build();
                    case ERROR_500 -> new MockResponse.Builder().code(500).body("{\"error\":\"boom\"}").build();
                    case SLOW -> new MockResponse.Builder().code(200).headersDelay(12, TimeUnit.SECONDS).body(answer()).build();
                };
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return server.url("/v1").toString();
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** Every OK answer waits this long first. */
    public void latency(long millis) {
        this.latencyMillis = millis;
    }

    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** The actions are grounded only where a test seeds them as technicians' text (resolutions, KB). */
    private static String answer() {
        return answer("The VPN concentrator drops idle tunnels (LLM analysis).",
                "Raise the idle timeout on the concentrator", "Update the VPN client");
    }

    private static String[] actions() {
        List<String> out = new java.util.ArrayList<>(INJECTED_ACTIONS);
        out.add(1, "Raise the idle timeout on the concentrator");
        return out.toArray(String[]::new);
    }

    private static String answer(String likelyCause, String... actions) {
        ObjectNode content = JSON.createObjectNode();
        content.put("likely_cause", likelyCause);
        var list = content.putArray("suggested_actions");
        for (String action : actions) {
            list.add(action);
        }
        content.putArray("related_tickets").addObject().put("ticket_id", "INVENTED-1").put("reason", "made up");
        content.put("confidence", 77);
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-1");
        root.put("model", MODEL);
        root.putArray("choices").addObject().putObject("message").put("role", "assistant").put("content", content.toString());
        root.set("usage", JSON.valueToTree(Map.of("prompt_tokens", 111, "completion_tokens", 22, "total_tokens", 133)));
        return root.toString();
    }

    @Override
    public void close() {
        server.close();
    }
}
