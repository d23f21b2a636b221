package com.aiagents.platform.gateway;

import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.common.client.CachingTenantDirectory;
import com.aiagents.platform.common.config.PlatformConfigs;
import com.aiagents.platform.common.errors.JsonErrors;
import com.aiagents.platform.gateway.core.BoundedBodyReader;
import com.aiagents.platform.gateway.core.GatewayMetrics;
import com.aiagents.platform.gateway.core.JobEnqueuer;
import com.aiagents.platform.gateway.core.QueueRouting;
import com.aiagents.platform.gateway.core.TenantRateLimiter;
import com.aiagents.platform.gateway.core.WebhookAuthenticator;
import com.aiagents.platform.gateway.core.WebhookIntake;
import com.aiagents.platform.gateway.core.WebhookPayloadParser;
import com.aiagents.platform.gateway.resources.CloseConnectionOnUnreadBodyFilter;
import com.aiagents.platform.gateway.resources.WebhookResource;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.AutoCloseableManager;
import io.prometheus.client.CollectorRegistry;
import java.time.Clock;
import java.time.Duration;
import redis.clients.jedis.JedisPool;

/** Receives SDP webhooks, authenticates them per tenant and enqueues enhancement jobs. */
public class WebhookGatewayApplication extends Application<WebhookGatewayConfiguration> {

    public static void main(String[] args) throws Exception {
        new WebhookGatewayApplication().run(args);
    }

    @Override
    public String getName() {
        return "webhook-gateway";
    }

    @Override
    public void initialize(Bootstrap<WebhookGatewayConfiguration> bootstrap) {
        PlatformConfigs.enableEnvironmentSubstitution(bootstrap);
    }

    @Override
    public void run(WebhookGatewayConfiguration config, Environment environment) {
        JsonErrors.register(environment);
        CollectorRegistry registry = new CollectorRegistry(true);

        JedisPool redis = config.getRedis().buildPool();
        environment.lifecycle().manage(new AutoCloseableManager(redis));
        CachingTenantDirectory directory = CachingTenantDirectory.create(config.getTenantService());
        environment.lifecycle().manage(new AutoCloseableManager(directory));

        WebhookConfig webhook = config.getWebhook();
        Clock clock = Clock.systemUTC();
        BoundedBodyReader bodyReader = new BoundedBodyReader(webhook.getMaxBodyBytes());
        WebhookIntake intake = new WebhookIntake(
                directory,
                bodyReader,
                new WebhookAuthenticator(clock),
                new TenantRateLimiter(redis, Duration.ofMinutes(1)),
                new WebhookPayloadParser(JsonMapper.create()),
                new JobEnqueuer(redis, JsonMapper.create(), webhook.getDedupWindow().toJavaDuration()),
                new QueueRouting(webhook.isPremiumTenantQueues()),
                new GatewayMetrics(registry),
                clock,
                webhook.getUnavailableRetryAfter().toSeconds());
        environment.jersey().register(new WebhookResource(intake, bodyReader));
        environment.jersey().register(new CloseConnectionOnUnreadBodyFilter());
    }
}
