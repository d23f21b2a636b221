package com.aiagents.platform.common.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code tenantService:} section of a service's YAML: where tenant-service is, the service
 * token of the calling service, and how long its answers may be reused. Short TTLs make suspension, offboarding and
 * secret rotation take effect within seconds; stale-if-error keeps known tenants served through a
 * short tenant-service outage.
 */
public class TenantServiceClientConfig {
    @NotEmpty
    private String url = "http://127.0.0.1:8081";
    /** The calling service's own token (e.g. GATEWAY_SERVICE_TOKEN); its application requires it at start-up. */
    private String serviceToken;
    /**
     * What the services' health checks GET: tenant-service's readiness on its admin port (its own
     * dependencies only, answered from the last scheduled checks, so polling it costs it nothing).
     */
    /**
     * PLATFORM_TLS_CA_FILE: the PEM CA tenant-service's https certificate is checked against (the
     * runtime configuration carries decrypted SDP credentials); when set, {@code url} must be https.
     */
    private String tlsCaFile;
    @NotEmpty
    private String healthUrl = "http://127.0.0.1:9081/health-check";
    @NotNull
    private Duration cacheTtl = Duration.seconds(10);
    @NotNull
    private Duration notFoundTtl = Duration.seconds(5);
    @NotNull
    private Duration staleIfErrorFor = Duration.minutes(10);
    @NotNull
    private Duration connectTimeout = Duration.milliseconds(500);
    @NotNull
    private Duration readTimeout = Duration.seconds(2);
    /** Bound on the whole call (connect, write, read); it cancels the socket, unlike a thread timeout. */
    @NotNull
    private Duration callTimeout = Duration.seconds(3);
    @Min(1)
    private int maxCachedTenants = 10_000;
    @Min(1)
    private int circuitFailureRatePercent = 50;
    @Min(1)
    private int circuitMinimumCalls = 5;
    @Min(1)
    private int circuitWindowCalls = 20;
    @NotNull
    private Duration circuitOpenFor = Duration.seconds(5);

    @JsonProperty public String getUrl() { return url; }
    @JsonProperty public void setUrl(String url) { this.url = url; }
    @JsonProperty public String getServiceToken() { return serviceToken; }
    @JsonProperty public void setServiceToken(String serviceToken) { this.serviceToken = serviceToken; }
    @JsonProperty public String getTlsCaFile() { return tlsCaFile; }
    @JsonProperty public void setTlsCaFile(String tlsCaFile) { this.tlsCaFile = tlsCaFile; }
    @JsonProperty public String getHealthUrl() { return healthUrl; }
    @JsonProperty public void setHealthUrl(String healthUrl) { this.healthUrl = healthUrl; }
    @JsonProperty public Duration getCacheTtl() { return cacheTtl; }
    @JsonProperty public void setCacheTtl(Duration cacheTtl) { this.cacheTtl = cacheTtl; }
    @JsonProperty public Duration getNotFoundTtl() { return notFoundTtl; }
    @JsonProperty public void setNotFoundTtl(Duration notFoundTtl) { this.notFoundTtl = notFoundTtl; }
    @JsonProperty public Duration getStaleIfErrorFor() { return staleIfErrorFor; }
    @JsonProperty public void setStaleIfErrorFor(Duration staleIfErrorFor) { this.staleIfErrorFor = staleIfErrorFor; }
    @JsonProperty public Duration getConnectTimeout() { return connectTimeout; }
    @JsonProperty public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    @JsonProperty public Duration getReadTimeout() { return readTimeout; }
    @JsonProperty public void setReadTimeout(Duration readTimeout) { this.readTimeout = readTimeout; }
    @JsonProperty public Duration getCallTimeout() { return callTimeout; }
    @JsonProperty public void setCallTimeout(Duration callTimeout) { this.callTimeout = callTimeout; }
    @JsonProperty public int getMaxCachedTenants() { return maxCachedTenants; }
    @JsonProperty public void setMaxCachedTenants(int maxCachedTenants) { this.maxCachedTenants = maxCachedTenants; }
    @JsonProperty public int getCircuitFailureRatePercent() { return circuitFailureRatePercent; }
    @JsonProperty public void setCircuitFailureRatePercent(int percent) { this.circuitFailureRatePercent = percent; }
    @JsonProperty public int getCircuitMinimumCalls() { return circuitMinimumCalls; }
    @JsonProperty public void setCircuitMinimumCalls(int calls) { this.circuitMinimumCalls = calls; }
    @JsonProperty public int getCircuitWindowCalls() { return circuitWindowCalls; }
    @JsonProperty public void setCircuitWindowCalls(int calls) { this.circuitWindowCalls = calls; }
    @JsonProperty public Duration getCircuitOpenFor() { return circuitOpenFor; }
    @JsonProperty public void setCircuitOpenFor(Duration circuitOpenFor) { this.circuitOpenFor = circuitOpenFor; }

    @Override
    public String toString() {
        return "TenantServiceClientConfig[url=" + url + ", serviceToken=<redacted>, cacheTtl=" + cacheTtl
                + ", notFoundTtl=" + notFoundTtl + ", staleIfErrorFor=" + staleIfErrorFor + "]";
    }
}
