package com.aiagents.platform.tenant.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code welcome:} section of config.yml: the SMTP server the welcome mail goes through and
 * the reveal link it carries (docs/configuration.md). No {@code host}: mail is off, and every
 * welcome mail is recorded as {@code disabled}. {@link #toString()} never shows the password.
 */
public class WelcomeSettings {
    /** SMTP_HOST; empty: mail disabled. */
    @JsonProperty
    private String host = "";

    /** SMTP_PORT: 587 (submission with STARTTLS) by default; 465 with {@code tls}. */
    @Min(1)
    @JsonProperty
    private int port = 587;

    @JsonProperty
    private String username = "";

    @JsonProperty
    private String password = "";

    /** SMTP_FROM: the sender address. */
    @NotEmpty
    @JsonProperty
    private String from = "AI Agents Platform <no-reply@localhost>";

    /** SMTP_STARTTLS: upgrade the plain connection with STARTTLS, and require it. */
    @JsonProperty
    private boolean startTls = true;

    /** SMTP_TLS: TLS from the first byte (SMTPS, usually port 465) instead of STARTTLS. */
    @JsonProperty
    private boolean tls = false;

    /** Connect and read timeout of one SMTP conversation. */
    @NotNull
    @JsonProperty
    private Duration timeout = Duration.seconds(10);

    /** Attempts per mail (the first included), with exponential backoff between them. */
    @Min(1)
    @JsonProperty
    private int sendAttempts = 3;

    @NotNull
    @JsonProperty
    private Duration retryBackoff = Duration.seconds(2);

    /** WELCOME_LINK_BASE_URL: tenant-service's public URL (through the ingress) the reveal link points at. */
    @NotEmpty
    @JsonProperty
    private String linkBaseUrl = "http://127.0.0.1:8081";

    /** WELCOME_LINK_TTL: how long a reveal link works. */
    @NotNull
    @JsonProperty
    private Duration linkTtl = Duration.hours(72);

    public boolean enabled() {
        return host != null && !host.isBlank();
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    public String getUsername() {
        return username;
    }

    public String getPassword() {
        return password;
    }

    public String getFrom() {
        return from;
    }

    public boolean isStartTls() {
        return startTls;
    }

    public boolean isTls() {
        return tls;
    }

    public java.time.Duration timeout() {
        return timeout.toJavaDuration();
    }

    public int getSendAttempts() {
        return sendAttempts;
    }

    public java.time.Duration retryBackoff() {
        return retryBackoff.toJavaDuration();
    }

    public String getLinkBaseUrl() {
        return linkBaseUrl;
    }

    public java.time.Duration linkTtl() {
        return linkTtl.toJavaDuration();
    }

    @Override
    public String toString() {
        return "WelcomeSettings[host=" + host + ", port=" + port + ", username=" + username
                + ", password " + (password == null || password.isEmpty() ? "unset" : "set")
                + ", startTls=" + startTls + ", tls=" + tls + "]";
    }
}
