package com.aiagents.platform.provisioning.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

/**
 * Where one peer service is and how long a call to it may take. {@code healthUrl} (optional) is
 * what the peer's health check polls, usually the peer's readiness, admin {@code /health-check}.
 */
public class ServiceEndpoint {
    @NotNull
    private String url;
    private String healthUrl;
    @NotNull
    private Duration connectTimeout = Duration.seconds(2);
    /** Bound on a whole call (connect, write, read); it cancels the socket. */
    @NotNull
    private Duration callTimeout = Duration.seconds(15);

    public ServiceEndpoint() {
    }

    public ServiceEndpoint(String url, Duration callTimeout) {
        this.url = url;
        this.callTimeout = callTimeout;
    }

    @JsonProperty public String getUrl() { return url; }
    @JsonProperty public void setUrl(String url) { this.url = url; }
    @JsonProperty public String getHealthUrl() { return healthUrl; }
    @JsonProperty public void setHealthUrl(String healthUrl) { this.healthUrl = healthUrl; }
    @JsonProperty public Duration getConnectTimeout() { return connectTimeout; }
    @JsonProperty public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    @JsonProperty public Duration getCallTimeout() { return callTimeout; }
    @JsonProperty public void setCallTimeout(Duration callTimeout) { this.callTimeout = callTimeout; }
}
