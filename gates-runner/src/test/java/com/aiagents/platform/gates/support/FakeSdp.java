package com.aiagents.platform.gates.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A small stateful ServiceDesk Plus v3 (on-prem) on mockwebserver3, for as long as the SDP
 * simulator has not landed: requests and notes in memory, the {@code authtoken} header checked
 * (a wrong key answers 401 with SDP's status 4022 envelope), deletes honoured.
 */
public final class FakeSdp implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/sdp/api/v3/requests";

    private final MockWebServer server = new MockWebServer();
    private final AtomicLong ids = new AtomicLong(100000000000L);
    private final Map<String, ObjectNode> requests = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> notes = new ConcurrentHashMap<>();
    private final List<String> deleted = new CopyOnWriteArrayList<>();
    private volatile String apiKey;

    public FakeSdp(String apiKey) throws IOException {
        this.apiKey = apiKey;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return handle(request);
            }
        });
        server.start();
    }

    /** The tenant's {@code servicedesk_url}. */
    public String baseUrl() {
        return server.url("/sdp").toString().replaceAll("/$", "");
    }

    /** Makes SDP refuse the tenant's key from now on (4022), as after a key was revoked. */
    public void acceptOnlyKey(String key) {
        this.apiKey = key;
    }

    public List<ObjectNode> notesOn(String requestId) {
        return List.copyOf(notes.getOrDefault(requestId, List.of()));
    }

    public boolean exists(String requestId) {
        return requests.containsKey(requestId);
    }

    public List<String> deleted() {
        return List.copyOf(deleted);
    }

    /** What the worker does: one note on the request. Returns the note id. */
    public String addNote(String requestId, String html) {
        ObjectNode note = JSON.createObjectNode();
        note.put("id", String.valueOf(ids.incrementAndGet()));
        note.put("description", html);
        note.put("show_to_requester", false);
        notes.computeIfAbsent(requestId, k -> new CopyOnWriteArrayList<>()).add(note);
        return note.get("id").asText();
    }

    private MockResponse handle(RecordedRequest request) {
        if (!apiKey.equals(request.getHeaders().get("authtoken"))) {
            return reply(401, "{\"response_status\":{\"status_code\":4000,\"messages\":[{\"status_code\":4022,"
                    + "\"type\":\"failed\",\"message\":\"Invalid API key received\"}],\"status\":\"failed\"}}");
        }
        String path = request.getUrl().encodedPath();
        String method = request.getMethod();
        if (!path.startsWith(PREFIX)) {
            return reply(404, "{}");
        }
        String[] rest = path.substring(PREFIX.length()).replaceAll("^/", "").split("/");
        String id = rest[0];
        if (id.isEmpty() && method.equals("POST")) {
            return create(request);
        }
        if (id.isEmpty() && method.equals("GET")) {
            return list();
        }
        if (!requests.containsKey(id)) {
            return reply(404, "{\"response_status\":{\"status_code\":4000,\"messages\":[{\"status_code\":4007,"
                    + "\"type\":\"failed\",\"message\":\"Invalid URL\"}],\"status\":\"failed\"}}");
        }
        if (rest.length == 1 && method.equals("DELETE")) {
            requests.remove(id);
            deleted.add(id);
            return reply(200, "{\"response_status\":{\"status_code\":2000,\"status\":\"success\"}}");
        }
        if (rest.length == 1 && method.equals("GET")) {
            return reply(200, wrap("request", requests.get(id)));
        }
        if (rest.length == 2 && rest[1].equals("notes") && method.equals("GET")) {
            ArrayNode page = JSON.createArrayNode();
            notesOn(id).forEach(page::add);
            return listReply("notes", page);
        }
        if (rest.length == 2 && rest[1].equals("notes") && method.equals("POST")) {
            JsonNode input = inputData(request);
            String noteId = addNote(id, input.path("note").path("description").asText(""));
            return reply(200, wrap("note", notesOn(id).stream().filter(n -> n.get("id").asText().equals(noteId))
                    .findFirst().orElseThrow()));
        }
        return reply(405, "{}");
    }

    private MockResponse create(RecordedRequest request) {
        JsonNode input = inputData(request);
        ObjectNode created = JSON.createObjectNode();
        String id = String.valueOf(ids.incrementAndGet());
        created.put("id", id);
        created.put("display_id", id.substring(id.length() - 4));
        created.put("subject", input.path("request").path("subject").asText());
        created.put("description", input.path("request").path("description").asText(""));
        requests.put(id, created);
        return reply(200, wrap("request", created));
    }

    private MockResponse list() {
        ArrayNode page = JSON.createArrayNode();
        requests.values().forEach(page::add);
        return listReply("requests", page);
    }

    private static MockResponse listReply(String key, ArrayNode items) {
        ObjectNode body = JSON.createObjectNode();
        body.set(key, items);
        ObjectNode listInfo = body.putObject("list_info");
        listInfo.put("has_more_rows", false);
        listInfo.put("start_index", 1);
        listInfo.put("row_count", items.size());
        body.putArray("response_status").addObject().put("status_code", 2000).put("status", "success");
        return reply(200, body.toString());
    }

    private static String wrap(String key, JsonNode value) {
        ObjectNode body = JSON.createObjectNode();
        body.set(key, value);
        body.putObject("response_status").put("status_code", 2000).put("status", "success");
        return body.toString();
    }

    private static JsonNode inputData(RecordedRequest request) {
        String form = request.getBody() == null ? "" : request.getBody().utf8();
        for (String pair : form.split("&")) {
            if (pair.startsWith("input_data=")) {
                try {
                    return JSON.readTree(URLDecoder.decode(pair.substring("input_data=".length()), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new IllegalArgumentException(e);
                }
            }
        }
        return JSON.createObjectNode();
    }

    private static MockResponse reply(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json;charset=UTF-8")
                .body(body).build();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
