package com.aiagents.platform.gateway;

import com.aiagents.platform.common.client.TenantServiceClientConfig;
import com.aiagents.platform.common.tracing.TracingConfig;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** {@code webhook-gateway/config.yml}; every address and secret comes from the environment. */
public class WebhookGatewayConfiguration extends Configuration {
    @Valid
    @NotNull
    private RedisConfig redis = new RedisConfig();
    @Valid
    @NotNull
    private TenantServiceClientConfig tenantService = new TenantServiceClientConfig();
    @Valid
    @NotNull
    private WebhookConfig webhook = new WebhookConfig();
    @Valid
    @NotNull
    private TracingConfig tracing = new TracingConfig();
    @Valid
    @NotNull
    private FeedbackConfig feedback = new FeedbackConfig();

    @JsonProperty public RedisConfig getRedis() { return redis; }
    @JsonProperty public void setRedis(RedisConfig redis) { this.redis = redis; }
    @JsonProperty public TenantServiceClientConfig getTenantService() { return tenantService; }
    @JsonProperty public void setTenantService(TenantServiceClientConfig tenantService) { this.tenantService = tenantService; }
    @JsonProperty public WebhookConfig getWebhook() { return webhook; }
    @JsonProperty public void setWebhook(WebhookConfig webhook) { this.webhook = webhook; }
    @JsonProperty public TracingConfig getTracing() { return tracing; }
    @JsonProperty public void setTracing(TracingConfig tracing) { this.tracing = tracing; }
    @JsonProperty public FeedbackConfig getFeedback() { return feedback; }
    @JsonProperty public void setFeedback(FeedbackConfig feedback) { this.feedback = feedback; }
}
