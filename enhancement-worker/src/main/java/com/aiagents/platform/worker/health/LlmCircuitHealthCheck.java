package com.aiagents.platform.worker.health;

import com.aiagents.platform.worker.synthesis.ChatCompletionsClient;
import com.codahale.metrics.health.HealthCheck;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * The LLM endpoint's circuit. Open is reported unhealthy for visibility, though notes keep being
 * written by the deterministic synthesizer meanwhile.
 */
public final class LlmCircuitHealthCheck extends HealthCheck {
    private final ChatCompletionsClient client;

    public LlmCircuitHealthCheck(ChatCompletionsClient client) {
        this.client = client;
    }

    @Override
    protected Result check() {
        CircuitBreaker.State state = client.circuitState();
        return state == CircuitBreaker.State.OPEN
                ? Result.unhealthy("LLM endpoint circuit is open; the deterministic synthesizer writes the notes")
                : Result.healthy("LLM endpoint circuit is " + state);
    }
}
