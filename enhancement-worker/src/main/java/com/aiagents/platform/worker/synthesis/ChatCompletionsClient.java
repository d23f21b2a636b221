package com.aiagents.platform.worker.synthesis;

import com.aiagents.platform.api.TenantLlmEndpoint;
import com.aiagents.platform.sdp.net.RefusedAddressException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * An OpenAI-compatible {@code POST {base}/chat/completions} client (OpenRouter, OpenAI, vLLM,
 * Ollama): bounded by a call timeout, retried on 5xx/I-O failure and on a 429 whose Retry-After
 * fits {@code maxRetryAfter} (waited out, so a provider's short rate limit does not turn into a
 * fallback note), behind one circuit breaker per tenant and model, so a dead endpoint costs
 * nothing while open and one tenant's wrong model name (a 4xx, which never counts as a failure)
 * cannot switch the LLM off for everyone. A reply larger than {@code maxReplySize} is refused
 * without reading it all. The API key travels only in the Authorization header; no message of this
 * class carries it or the endpoint's reply.
 */
public final class ChatCompletionsClient {
    private static final String RATE_LIMITED_RETRYABLE = "llm_retryable_llm_rate_limited";
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final HttpUrl endpoint;
    private final String authorization;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final double temperature;
    private final long maxReplyBytes;
    private final CircuitBreakerRegistry breakers;
    private final Retry retry;
    private final Duration maxRetryAfter;

    /** The platform's endpoint ({@code LLM_BASE_URL}, {@code LLM_API_KEY}). */
    public ChatCompletionsClient(LlmSettings settings, OkHttpClient shared, ObjectMapper json) {
        this(platformEndpoint(settings), authorization(settings.apiKeyOrNull()), settings, shared, json);
    }

    /**
     * For tenants' own endpoints ({@code llm_endpoint}, called through {@link #complete(TenantLlmEndpoint, String,
     * Prompt, int)}): the same timeouts, retries, reply bound and per tenant+model breakers as the
     * platform's, in a registry of their own so a tenant's dead endpoint never reads as the platform's.
     *
     * @param guarded an HTTP client refusing the addresses a tenant may not point us at
     */
    public static ChatCompletionsClient forTenantEndpoints(LlmSettings settings, OkHttpClient guarded, ObjectMapper json) {
        return new ChatCompletionsClient(null, null, settings, guarded.newBuilder().followRedirects(false)
                .followSslRedirects(false).build(), json);
    }

    private static HttpUrl platformEndpoint(LlmSettings settings) {
        HttpUrl base = HttpUrl.parse(settings.getBaseUrl().trim());
        if (base == null) {
            throw new IllegalArgumentException("llm.baseUrl (LLM_BASE_URL) is not an http(s) URL");
        }
        return chatCompletions(base);
    }

    private static HttpUrl chatCompletions(HttpUrl base) {
        return base.newBuilder().addPathSegments("chat/completions").build();
    }

    private static String authorization(String key) {
        return key == null || key.isBlank() ? null : "Bearer " + key.trim();
    }

    private ChatCompletionsClient(HttpUrl endpoint, String authorization, LlmSettings settings, OkHttpClient shared,
                                  ObjectMapper json) {
        this.endpoint = endpoint;
        this.authorization = authorization;
        Duration timeout = settings.getTimeout().toJavaDuration();
        this.http = shared.newBuilder().callTimeout(timeout).readTimeout(timeout).connectTimeout(Duration.ofSeconds(5))
                .retryOnConnectionFailure(false).build();
        this.json = json;
        this.temperature = Math.min(0.2, settings.getTemperature());
        this.maxReplyBytes = settings.getMaxReplySize().toBytes();
        this.maxRetryAfter = settings.getMaxRetryAfter().toJavaDuration();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.getCircuitWindow())
                .minimumNumberOfCalls(settings.getCircuitMinimumCalls())
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.getCircuitOpenFor().toJavaDuration())
                // the endpoint's health: 5xx, timeouts, unreachable; never a request it refused (4xx),
                // a rate limit (429) included: waited out or given up, it says nothing of its health
                .recordException(e -> e instanceof LlmException l && l.reason().startsWith("llm_retryable")
                        && !l.reason().equals(RATE_LIMITED_RETRYABLE))
                // and not a success either: one tenant's refused calls must not dilute its 5xx
                .ignoreException(e -> e instanceof LlmException l && (!l.reason().startsWith("llm_retryable")
                        || l.reason().equals(RATE_LIMITED_RETRYABLE)))
                .build());
        Duration wait = settings.getRetryWait().toJavaDuration();
        this.retry = Retry.of("llm", RetryConfig.<Object>custom()
                .maxAttempts(settings.getMaxAttempts())
                .intervalBiFunction((attempt, outcome) -> outcome.isLeft()
                        && outcome.getLeft() instanceof LlmException l && l.retryAfter() != null
                        ? l.retryAfter().toMillis() : wait.toMillis())
                .retryOnException(e -> e instanceof LlmException l && l.reason().startsWith("llm_retryable"))
                .build());
    }

    /**
     * OPEN when every tenant/model circuit that has been used is open (the endpoint itself is down),
     * HALF_OPEN when some are, else CLOSED.
     */
    public CircuitBreaker.State circuitState() {
        long all = breakers.getAllCircuitBreakers().size();
        long open = breakers.getAllCircuitBreakers().stream().filter(b -> b.getState() == CircuitBreaker.State.OPEN).count();
        if (all > 0 && open == all) {
            return CircuitBreaker.State.OPEN;
        }
        return open > 0 ? CircuitBreaker.State.HALF_OPEN : CircuitBreaker.State.CLOSED;
    }

    /** The breaker of one tenant's calls to one model. */
    public CircuitBreaker.State circuitState(String tenantId, String model) {
        return breakers.circuitBreaker(tenantId + "|" + model).getState();
    }

    public ChatCompletion complete(String tenantId, String model, Prompt prompt, int maxTokens) {
        return complete(tenantId + "|" + model, endpoint, authorization, model, prompt, maxTokens);
    }

    /** A call to the tenant's own endpoint with its key and model (a client made by {@link #forTenantEndpoints}). */
    public ChatCompletion complete(TenantLlmEndpoint own, String tenantId, Prompt prompt, int maxTokens) {
        HttpUrl base = HttpUrl.parse(own.baseUrl());
        if (base == null) {
            throw new LlmException("llm_bad_endpoint", "the tenant's LLM endpoint is not an http(s) URL");
        }
        return complete(tenantId + "|" + own.model(), chatCompletions(base), authorization(own.apiKey()), own.model(),
                prompt, maxTokens);
    }

    private ChatCompletion complete(String breakerName, HttpUrl url, String auth, String model, Prompt prompt,
                                    int maxTokens) {
        CircuitBreaker breaker = breakers.circuitBreaker(breakerName);
        try {
            return breaker.executeSupplier(Retry.decorateSupplier(retry, () -> once(url, auth, model, prompt, maxTokens)));
        } catch (CallNotPermittedException open) {
            throw new LlmException("llm_circuit_open", "LLM endpoint circuit is open");
        } catch (LlmException e) {
            throw e.reason().startsWith("llm_retryable")
                    ? new LlmException(e.reason().substring("llm_retryable_".length()), e.getMessage()) : e;
        }
    }

    private ChatCompletion once(HttpUrl url, String auth, String model, Prompt prompt, int maxTokens) {
        Request.Builder request = new Request.Builder().url(url)
                .post(RequestBody.create(body(model, prompt, maxTokens), JSON_TYPE))
                .header("Accept", "application/json");
        if (auth != null) {
            request.header("Authorization", auth);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            int code = response.code();
            if (code == 429) {
                Duration retryAfter = retryAfter(response.header("Retry-After"));
                if (retryAfter != null && retryAfter.compareTo(maxRetryAfter) <= 0) {
                    throw new LlmException(RATE_LIMITED_RETRYABLE, "LLM endpoint rate-limited the call", retryAfter);
                }
                throw new LlmException("llm_rate_limited", "LLM endpoint rate-limited the call for longer than we wait");
            }
            if (code >= 500) {
                throw new LlmException("llm_retryable_llm_http_" + code, "LLM endpoint answered HTTP " + code);
            }
            if (!response.isSuccessful()) {
                throw new LlmException("llm_http_" + code, "LLM endpoint answered HTTP " + code);
            }
            ResponseBody body = response.body();
            try {
                return parse(body == null ? new byte[0] : bounded(body), model);
            } catch (LlmException unreadable) {
                // answered, so billed, but its usage is unreadable: charge an estimate of the most it cost
                throw unreadable.charged(mostTokens(prompt, maxTokens));
            }
        } catch (InterruptedIOException timeout) {
            throw new LlmException("llm_retryable_llm_timeout", "LLM endpoint timed out");
        } catch (IOException io) {
            if (io instanceof RefusedAddressException || io.getCause() instanceof RefusedAddressException) {
                // a tenant's endpoint at an address it may not use: no retry, and no request (or key) was sent
                throw new LlmException("llm_refused_address", "LLM endpoint refused: its address is not allowed");
            }
            throw new LlmException("llm_retryable_llm_unreachable", "LLM endpoint unreachable: " + io.getClass().getSimpleName());
        }
    }

    /**
     * An estimate of the most a call can have cost when its usage is unknown: the prompt at ~4
     * characters a token (English; other scripts take more tokens) and the whole completion allowed.
     */
    static long mostTokens(Prompt prompt, int maxTokens) {
        return (prompt.system().length() + prompt.user().length()) / 4 + maxTokens;
    }

    /** Retry-After in seconds (the HTTP-date form is rare for APIs and is treated as "too long"). */
    private static Duration retryAfter(String header) {
        if (header == null) {
            return Duration.ofSeconds(1);
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The reply's bytes, or a failure past the bound (checked as it streams: a length may be absent). */
    private byte[] bounded(ResponseBody body) throws IOException {
        BufferedSource source = body.source();
        if (body.contentLength() > maxReplyBytes || source.request(maxReplyBytes + 1)) {
            throw new LlmException("llm_reply_too_large", "LLM endpoint reply exceeds " + maxReplyBytes + " bytes");
        }
        return source.readByteArray();
    }

    private String body(String model, Prompt prompt, int maxTokens) {
        ObjectNode root = json.createObjectNode();
        root.put("model", model);
        ArrayNode messages = root.putArray("messages");
        messages.addObject().put("role", "system").put("content", prompt.system());
        messages.addObject().put("role", "user").put("content", prompt.user());
        root.put("max_tokens", maxTokens);
        root.put("temperature", temperature);
        return root.toString();
    }

    private ChatCompletion parse(byte[] text, String requestedModel) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (IOException e) {
            throw new LlmException("llm_malformed_reply", "LLM endpoint reply is not JSON");
        }
        JsonNode content = root.path("choices").path(0).path("message").path("content");
        if (!content.isTextual() || content.asText().isBlank()) {
            throw new LlmException("llm_malformed_reply", "LLM endpoint reply has no message content");
        }
        JsonNode usage = root.path("usage");
        String model = root.path("model").isTextual() ? root.path("model").asText() : requestedModel;
        return new ChatCompletion(content.asText(), model,
                usage.path("prompt_tokens").isNumber() ? usage.path("prompt_tokens").asInt() : null,
                usage.path("completion_tokens").isNumber() ? usage.path("completion_tokens").asInt() : null);
    }
}
