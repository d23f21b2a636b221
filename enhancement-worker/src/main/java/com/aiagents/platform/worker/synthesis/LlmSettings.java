package com.aiagents.platform.worker.synthesis;

import com.aiagents.platform.common.config.PlatformConfigs;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code llm:} section: an OpenAI-compatible chat-completions endpoint ({@code LLM_BASE_URL},
 * {@code LLM_API_KEY}). Without a base URL the deterministic synthesizer writes every note.
 */
public class LlmSettings {
    private String baseUrl;
    private String apiKey;
    @NotNull private Duration timeout = Duration.seconds(20);
    @Min(1) @Max(5) private int maxAttempts = 2;
    @NotNull private Duration retryWait = Duration.milliseconds(300);
    @DecimalMin("0") @DecimalMax("0.2") private double temperature = 0.1;
    @Min(1) private int circuitWindow = 10;
    @Min(1) private int circuitMinimumCalls = 5;
    @NotNull private Duration circuitOpenFor = Duration.seconds(30);
    /** A reply is read into memory: a larger one (a runaway or hostile endpoint) is a failure. */
    @NotNull private DataSize maxReplySize = DataSize.mebibytes(1);
    /** A 429 asking to wait up to this long is waited out and retried; a longer wait falls back at once. */
    @NotNull private Duration maxRetryAfter = Duration.seconds(10);
    /** LLM tokens one tenant may use per UTC day, across all workers; 0 = no limit. */
    @Min(0) private long dailyTokenBudget = 1_000_000;

    /** Whether an endpoint is configured (an unset {@code ${LLM_BASE_URL}} counts as none). */
    public boolean isConfigured() {
        return !PlatformConfigs.isUnset(baseUrl);
    }

    public String apiKeyOrNull() {
        return PlatformConfigs.isUnset(apiKey) ? null : apiKey.trim();
    }

    @JsonProperty public String getBaseUrl() { return baseUrl; }
    @JsonProperty public void setBaseUrl(String v) { baseUrl = v; }
    @JsonProperty public String getApiKey() { return apiKey; }
    @JsonProperty public void setApiKey(String v) { apiKey = v; }
    @JsonProperty public Duration getTimeout() { return timeout; }
    @JsonProperty public void setTimeout(Duration v) { timeout = v; }
    @JsonProperty public int getMaxAttempts() { return maxAttempts; }
    @JsonProperty public void setMaxAttempts(int v) { maxAttempts = v; }
    @JsonProperty public Duration getRetryWait() { return retryWait; }
    @JsonProperty public void setRetryWait(Duration v) { retryWait = v; }
    @JsonProperty public double getTemperature() { return temperature; }
    @JsonProperty public void setTemperature(double v) { temperature = v; }
    @JsonProperty public int getCircuitWindow() { return circuitWindow; }
    @JsonProperty public void setCircuitWindow(int v) { circuitWindow = v; }
    @JsonProperty public int getCircuitMinimumCalls() { return circuitMinimumCalls; }
    @JsonProperty public void setCircuitMinimumCalls(int v) { circuitMinimumCalls = v; }
    @JsonProperty public Duration getCircuitOpenFor() { return circuitOpenFor; }
    @JsonProperty public void setCircuitOpenFor(Duration v) { circuitOpenFor = v; }
    @JsonProperty public Duration getMaxRetryAfter() { return maxRetryAfter; }
    @JsonProperty public void setMaxRetryAfter(Duration v) { maxRetryAfter = v; }
    @JsonProperty public long getDailyTokenBudget() { return dailyTokenBudget; }
    @JsonProperty public void setDailyTokenBudget(long v) { dailyTokenBudget = v; }
    @JsonProperty public DataSize getMaxReplySize() { return maxReplySize; }
    @JsonProperty public void setMaxReplySize(DataSize v) { maxReplySize = v; }

    @Override
    public String toString() {
        return "LlmSettings[baseUrl=" + baseUrl + ", apiKey=<redacted>]";
    }
}
