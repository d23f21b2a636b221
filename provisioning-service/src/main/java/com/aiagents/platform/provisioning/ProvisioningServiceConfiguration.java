package com.aiagents.platform.provisioning;

import com.aiagents.platform.common.auth.AuthConfig;
import com.aiagents.platform.common.tracing.TracingConfig;
import com.aiagents.platform.provisioning.client.ServicesConfig;
import com.aiagents.platform.provisioning.core.ErasureSettings;
import com.aiagents.platform.provisioning.core.OnboardingSettings;
import com.aiagents.platform.provisioning.kubernetes.KubernetesConfiguration;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import com.aiagents.platform.common.db.TlsDataSourceFactory;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

public class ProvisioningServiceConfiguration extends Configuration {
    @Valid
    @NotNull
    @JsonProperty("database")
    private TlsDataSourceFactory database = new TlsDataSourceFactory();

    @Valid
    @NotNull
    @JsonProperty("auth")
    private AuthConfig auth = new AuthConfig();

    @Valid
    @NotNull
    @JsonProperty("services")
    private ServicesConfig services = new ServicesConfig();

    @Valid
    @NotNull
    @JsonProperty("onboarding")
    private OnboardingSettings onboarding = new OnboardingSettings();

    @Valid
    @NotNull
    @JsonProperty("erasure")
    private ErasureSettings erasure = new ErasureSettings();

    public ErasureSettings getErasure() {
        return erasure;
    }

    @Valid
    @NotNull
    @JsonProperty("kubernetes")
    private KubernetesConfiguration kubernetes = new KubernetesConfiguration();

    /** OpenTelemetry over OTLP/HTTP (docs/tracing.md): onboarding and onboarding_step spans; off by default. */
    @Valid
    @NotNull
    @JsonProperty("tracing")
    private TracingConfig tracing = new TracingConfig();

    public DataSourceFactory getDatabase() {
        return database;
    }

    public AuthConfig getAuth() {
        return auth;
    }

    public ServicesConfig getServices() {
        return services;
    }

    public OnboardingSettings getOnboarding() {
        return onboarding;
    }

    public KubernetesConfiguration getKubernetes() {
        return kubernetes;
    }

    public TracingConfig getTracing() {
        return tracing;
    }
}
