package com.aiagents.platform.gateway;

import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.common.client.CachingTenantDirectory;
import com.aiagents.platform.common.config.PlatformConfigs;
import com.aiagents.platform.common.auth.PlatformService;
import com.aiagents.platform.common.auth.QueryStringTokens;
import com.aiagents.platform.common.errors.JsonErrors;
import com.aiagents.platform.common.logging.CommandLines;
import com.aiagents.platform.common.openapi.OpenApiResource;
import com.aiagents.platform.common.health.HttpDependencyHealthCheck;
import com.aiagents.platform.common.health.PlatformHealth;
import com.aiagents.platform.common.health.RedisHealthCheck;
import com.aiagents.platform.common.metrics.PrometheusMetrics;
import com.aiagents.platform.common.tracing.PlatformTracing;
import com.aiagents.platform.gateway.core.AdmissionStore;
import com.aiagents.platform.gateway.core.DeferredRelease;
import com.aiagents.platform.gateway.core.DeferredReleaseLoop;
import com.aiagents.platform.gateway.core.BoundedBodyReader;
import com.aiagents.platform.gateway.core.FeedbackHandoff;
import com.aiagents.platform.gateway.core.GatewayMetrics;
import com.aiagents.platform.gateway.core.QueueRouting;
import com.aiagents.platform.gateway.core.ReplicaWait;
import com.aiagents.platform.gateway.core.WebhookAuthenticator;
import com.aiagents.platform.gateway.core.WebhookIntake;
import com.aiagents.platform.gateway.core.WebhookPayloadParser;
import com.aiagents.platform.gateway.health.TenantDirectoryCircuitHealthCheck;
import com.aiagents.platform.gateway.resources.CloseConnectionOnUnreadBodyFilter;
import com.aiagents.platform.gateway.resources.FeedbackResource;
import com.aiagents.platform.gateway.resources.WebhookResource;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.AutoCloseableManager;
import okhttp3.OkHttpClient;
import java.time.Clock;
import redis.clients.jedis.UnifiedJedis;

/** Receives SDP webhooks, authenticates them per tenant and enqueues enhancement jobs. */
public class WebhookGatewayApplication extends Application<WebhookGatewayConfiguration> {

    public static void main(String[] args) throws Exception {
        CommandLines.run(new WebhookGatewayApplication(), args);
    }

    @Override
    public String getName() {
        return "webhook-gateway";
    }

    @Override
    public void initialize(Bootstrap<WebhookGatewayConfiguration> bootstrap) {
        PlatformConfigs.initialize(bootstrap);
    }

    @Override
    public void run(WebhookGatewayConfiguration config, Environment environment) {
        PlatformService.GATEWAY.requireOwnToken(config.getTenantService().getServiceToken());
        JsonErrors.register(environment);
        OpenApiResource.register(environment, getName());
        // no bearer auth here (webhooks are signed), but a token in a URL is still refused and never logged
        QueryStringTokens.register(environment);
        PrometheusMetrics metrics = PrometheusMetrics.install(environment);
        // Off by default: then a no-op OpenTelemetry, no server filter, nothing on the hot path.
        PlatformTracing tracing = PlatformTracing.install(environment, config.getTracing(), getName());
        UnifiedJedis redis = managed(environment, config.getRedis().open());
        CachingTenantDirectory directory = managed(environment,
                CachingTenantDirectory.create(config.getTenantService(), tracing.clientInterceptor()));

        BoundedBodyReader bodyReader = new BoundedBodyReader(config.getWebhook().getMaxBodyBytes());
        GatewayMetrics gatewayMetrics = new GatewayMetrics(metrics.registry());
        WebhookConfig webhook = config.getWebhook();
        ReplicaWait replicaWait = config.getRedis().getWaitReplicas() == 0 ? null
                : new ReplicaWait(config.getRedis().getWaitReplicas(), config.getRedis().getWaitTimeout().toJavaDuration(),
                        metrics.registry());
        WebhookIntake intake = intake(webhook, directory, redis, replicaWait, bodyReader, gatewayMetrics, tracing);
        environment.lifecycle().manage(new DeferredReleaseLoop(
                new DeferredRelease(redis, webhook.getRateWindow().toJavaDuration(),
                        webhook.getDeferredReleaseInterval().toJavaDuration(), webhook.getDeferredReleaseBatch()),
                gatewayMetrics, webhook.getDeferredReleaseInterval().toJavaDuration()));
        environment.jersey().register(new WebhookResource(intake, bodyReader));
        environment.jersey().register(new CloseConnectionOnUnreadBodyFilter());
        // technicians' votes on notes: verified here, stored by the worker (docs/feedback.md)
        environment.jersey().register(new FeedbackResource(config.getFeedback().tokens(Clock.systemUTC()),
                new FeedbackHandoff(redis, JsonMapper.create(), Clock.systemUTC()),
                config.getWebhook().getUnavailableRetryAfter().toSeconds()));

        environment.healthChecks().register("redis", new RedisHealthCheck(redis));
        environment.healthChecks().register("tenant-service",
                new HttpDependencyHealthCheck(new OkHttpClient(), config.getTenantService().getHealthUrl()));
        environment.healthChecks().register("tenant-service-circuit", new TenantDirectoryCircuitHealthCheck(directory));
        PlatformHealth.install(environment, config.getHealthFactory(), metrics.registry());
    }

    private static WebhookIntake intake(WebhookConfig webhook, CachingTenantDirectory directory, UnifiedJedis redis,
            ReplicaWait replicaWait, BoundedBodyReader bodyReader, GatewayMetrics metrics, PlatformTracing tracing) {
        Clock clock = Clock.systemUTC();
        return new WebhookIntake(
                directory,
                bodyReader,
                new WebhookAuthenticator(clock),
                new WebhookPayloadParser(JsonMapper.create()),
                new AdmissionStore(redis, replicaWait, JsonMapper.create(), webhook.getRateWindow().toJavaDuration(),
                        webhook.getDedupWindow().toJavaDuration(), webhook.getUpdateDedupWindow().toJavaDuration(),
                        webhook.getDeferredCeiling().toJavaDuration()),
                new QueueRouting(webhook.isPremiumTenantQueues()),
                metrics,
                clock,
                webhook.getUnavailableRetryAfter().toSeconds(),
                tracing);
    }

    /** Closed when the server stops, after Jetty has stopped taking requests. */
    private static <T extends AutoCloseable> T managed(Environment environment, T resource) {
        environment.lifecycle().manage(new AutoCloseableManager(resource));
        return resource;
    }
}
