package com.aiagents.platform.worker.health;

import com.aiagents.platform.worker.synthesis.ChatCompletionsClient;
import com.codahale.metrics.health.HealthCheck;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * The LLM endpoint's circuit. Open is reported unhealthy for visibility, though notes keep being
 * written by the deterministic synthesizer meanwhile (so it is a non-critical check). Registered
 * also without an endpoint (healthy, saying so), because {@code health.healthChecks} names it.
 */
public final class LlmCircuitHealthCheck extends HealthCheck {
    private final ChatCompletionsClient client;

    /** @param client null when no LLM endpoint is configured */
    public LlmCircuitHealthCheck(ChatCompletionsClient client) {
        this.client = client;
    }

    @Override
    protected Result check() {
        if (client == null) {
            return Result.healthy("no LLM endpoint configured; the deterministic synthesizer writes the notes");
        }
        CircuitBreaker.State state = client.circuitState();
        return state == CircuitBreaker.State.OPEN
                ? Result.unhealthy("LLM endpoint circuit is open; the deterministic synthesizer writes the notes")
                : Result.healthy("LLM endpoint circuit is " + state);
    }
}
