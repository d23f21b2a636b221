package com.aiagents.platform.gates;

import com.aiagents.platform.common.auth.AuthConfig;
import com.aiagents.platform.common.redis.RedisEndpoint;
import com.aiagents.platform.common.tracing.TracingConfig;
import com.aiagents.platform.sdp.net.SdpNetworkSettings;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import com.aiagents.platform.common.db.TlsDataSourceFactory;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

public class GatesRunnerConfiguration extends Configuration {
    @Valid
    @NotNull
    @JsonProperty("database")
    private TlsDataSourceFactory database = new TlsDataSourceFactory();

    @NotNull
    @Valid
    @NotNull
    @JsonProperty("redis")
    private RedisEndpoint redis = new RedisEndpoint();


    @Valid
    @NotNull
    @JsonProperty("auth")
    private AuthConfig auth = new AuthConfig();

    @Valid
    @NotNull
    @JsonProperty("services")
    private ServicesSettings services = new ServicesSettings();

    @Valid
    @NotNull
    @JsonProperty("llm")
    private LlmSettings llm = new LlmSettings();

    @Valid
    @NotNull
    @JsonProperty("gates")
    private GatesSettings gates = new GatesSettings();

    /** OpenTelemetry over OTLP/HTTP (docs/tracing.md): gate_run and a gate span per gate; off by default. */
    /** Which addresses a tenant's SDP may be at (SDP_ALLOW_PRIVATE_NETWORKS). */
    @Valid
    @NotNull
    @JsonProperty("sdp")
    private SdpNetworkSettings sdp = new SdpNetworkSettings();

    @Valid
    @NotNull
    @JsonProperty("tracing")
    private TracingConfig tracing = new TracingConfig();

    public DataSourceFactory getDatabase() {
        return database;
    }

    public RedisEndpoint getRedis() {
        return redis;
    }


    public AuthConfig getAuth() {
        return auth;
    }

    public ServicesSettings getServices() {
        return services;
    }

    public LlmSettings getLlm() {
        return llm;
    }

    public GatesSettings getGates() {
        return gates;
    }

    public SdpNetworkSettings getSdp() {
        return sdp;
    }

    public TracingConfig getTracing() {
        return tracing;
    }
}
