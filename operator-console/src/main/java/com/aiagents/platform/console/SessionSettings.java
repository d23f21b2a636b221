package com.aiagents.platform.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Server-side sessions (docs/console.md#sessions). */
public class SessionSettings {
    /** CONSOLE_SESSION_IDLE_TIMEOUT: a session unused this long is gone (the person signs in again). */
    @NotNull
    @JsonProperty
    private Duration idleTimeout = Duration.minutes(15);

    /** CONSOLE_SECURE_COOKIES: the cookie's Secure attribute; true whenever the console is served over TLS. */
    @JsonProperty
    private boolean secureCookies = true;

    /** At most this many sessions in memory (the least recently used go first). */
    @Min(100)
    @Max(10_000_000)
    @JsonProperty
    private int maxSessions = 100_000;

    /**
     * CONSOLE_PUBLIC_URL: the console's address as browsers reach it (e.g. https://console.msp.example);
     * the OpenID Connect redirect URI is it plus /oidc/callback. Empty: taken from each request.
     */
    @JsonProperty
    private String publicUrl = "";

    public String getPublicUrl() {
        return publicUrl;
    }

    public Duration getIdleTimeout() {
        return idleTimeout;
    }

    public boolean isSecureCookies() {
        return secureCookies;
    }

    public int getMaxSessions() {
        return maxSessions;
    }
}
