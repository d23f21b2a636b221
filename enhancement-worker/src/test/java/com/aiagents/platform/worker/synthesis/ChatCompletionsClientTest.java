package com.aiagents.platform.worker.synthesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.api.EnhancementPreferences;
import com.aiagents.platform.common.tracing.PlatformTracing;
import com.aiagents.platform.worker.context.RetrievedContext;
import com.aiagents.platform.worker.context.TicketText;
import com.aiagents.platform.worker.privacy.PersonalDataMask;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.List;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class ChatCompletionsClientTest {
    private static final String KEY = "sk-very-secret-llm-key";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private ChatCompletionsClient client(int minimumCalls) {
        return new ChatCompletionsClient(settings(minimumCalls), new OkHttpClient(), JsonMapper.create());
    }

    private LlmSettings settings(int minimumCalls) {
        LlmSettings settings = new LlmSettings();
        settings.setBaseUrl(server.url("/api/v1").toString());
        settings.setApiKey(KEY);
        settings.setTimeout(Duration.seconds(2));
        settings.setRetryWait(Duration.milliseconds(1));
        settings.setCircuitMinimumCalls(minimumCalls);
        settings.setCircuitWindow(minimumCalls);
        return settings;
    }

    private static MockResponse ok(String content) {
        return new MockResponse.Builder().code(200).body(reply(content)).build();
    }

    private static String reply(String content) {
        var json = JsonMapper.create();
        var root = json.createObjectNode().put("model", "m-1");
        root.putArray("choices").addObject().putObject("message").put("content", content);
        root.putObject("usage").put("prompt_tokens", 9).put("completion_tokens", 4);
        return root.toString();
    }

    @Test
    void postsAnOpenAiRequestRetriesA500AndRecordsUsage() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(ok("hello"));
        ChatCompletion c = client(10).complete("openai/gpt-4o-mini", new Prompt("sys", "usr"), 321);
        assertThat(c.content()).isEqualTo("hello");
        assertThat(c.model()).isEqualTo("m-1");
        assertThat(c.promptTokens()).isEqualTo(9);
        assertThat(c.completionTokens()).isEqualTo(4);
        server.takeRequest();
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/chat/completions");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        String body = request.getBody().utf8();
        assertThat(body).contains("\"model\":\"openai/gpt-4o-mini\"", "\"max_tokens\":321", "\"temperature\":0.1",
                "\"role\":\"system\"", "\"content\":\"usr\"");
    }

    @Test
    void failuresNeverCarryTheKeyAndOpenTheCircuit() {
        for (int i = 0; i < 6; i++) {
            server.enqueue(new MockResponse.Builder().code(500).body(KEY).build());
        }
        ChatCompletionsClient client = client(2);
        assertThatThrownBy(() -> client.complete("m", new Prompt("s", "u"), 100))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.reason()).isEqualTo("llm_http_500");
                    assertThat(e.getMessage()).doesNotContain(KEY);
                });
        assertThatThrownBy(() -> client.complete("m", new Prompt("s", "u"), 100)).isInstanceOf(LlmException.class);
        assertThat(client.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> client.complete("m", new Prompt("s", "u"), 100))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.reason()).isEqualTo("llm_circuit_open"));
    }

    @Test
    void aReplyLargerThanTheBoundFailsWithOrWithoutALengthAndTheNoteFallsBack() {
        LlmSettings settings = settings(10);
        settings.setMaxReplySize(DataSize.kibibytes(1));
        settings.setMaxAttempts(1);
        ChatCompletionsClient client = new ChatCompletionsClient(settings, new OkHttpClient(), JsonMapper.create());
        String padding = "x".repeat(1100);
        server.enqueue(ok(padding));
        assertThatThrownBy(() -> client.complete("m", new Prompt("s", "u"), 100))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.reason()).isEqualTo("llm_reply_too_large"));
        // no Content-Length: the bound holds while the body streams in
        server.enqueue(new MockResponse.Builder().code(200).chunkedBody(reply(padding), 100).build());
        assertThatThrownBy(() -> client.complete("m", new Prompt("s", "u"), 100))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.reason()).isEqualTo("llm_reply_too_large"));
        server.enqueue(ok("x".repeat(900)));
        assertThat(client.complete("m", new Prompt("s", "u"), 100).content()).hasSize(900);

        server.enqueue(ok(padding));
        SynthesisService synthesis = new SynthesisService(new LlmSynthesizer(client, JsonMapper.create()),
                new DeterministicSynthesizer(), PlatformTracing.disabled());
        Synthesis note = synthesis.synthesize(new TicketText("T-9", "Disk full", "", "", ""), RetrievedContext.empty(),
                new Prompt("s", "u"), EnhancementPreferences.defaults(), PersonalDataMask.of(List.of(), List.of(), false));
        assertThat(note.producer()).isEqualTo(Synthesis.DETERMINISTIC);
        assertThat(note.fallbackReason()).isEqualTo("llm_reply_too_large");
    }

    @Test
    void theSynthesizerReadsFencedJsonAndDropsInventedTickets() {
        server.enqueue(ok("```json\n{'likely_cause':'Disk full','suggested_actions':['Free space'],"
                .replace('\'', '"') + "\"related_tickets\":[{\"ticket_id\":\"T-1\",\"reason\":\"same disk\"},"
                + "{\"ticket_id\":\"NOPE\",\"reason\":\"x\"}],\"confidence\":64}\n```"));
        Synthesis s = new LlmSynthesizer(client(10), JsonMapper.create()).synthesize(new Prompt("s", "u"), "m", 100, Set.of("T-1"));
        assertThat(s.likelyCause()).isEqualTo("Disk full");
        assertThat(s.relatedTickets()).extracting(RelatedTicket::ticketId).containsExactly("T-1");
        assertThat(s.confidence()).isEqualTo(64);
        assertThat(s.producer()).isEqualTo(Synthesis.LLM);
        server.enqueue(ok("I think it is the disk."));
        assertThatThrownBy(() -> new LlmSynthesizer(client(10), JsonMapper.create())
                .synthesize(new Prompt("s", "u"), "m", 100, Set.of()))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.reason()).isEqualTo("llm_unusable_answer"));
    }
}
