package com.aiagents.platform.console;

import com.aiagents.platform.common.config.PlatformConfigs;
import com.aiagents.platform.common.health.PlatformHealth;
import com.aiagents.platform.common.logging.CommandLines;
import com.aiagents.platform.common.metrics.PrometheusMetrics;
import com.aiagents.platform.console.core.Api;
import com.aiagents.platform.console.core.Api.Service;
import com.aiagents.platform.console.core.Sessions;
import com.aiagents.platform.console.health.PeerHealthChecks;
import com.aiagents.platform.console.core.OidcSignIn;
import com.aiagents.platform.console.resources.AuditResource;
import com.aiagents.platform.console.resources.EnhancementsResource;
import com.aiagents.platform.console.resources.FleetResource;
import com.aiagents.platform.console.resources.KubernetesResource;
import com.aiagents.platform.console.resources.LifecycleResource;
import com.aiagents.platform.console.resources.OidcResource;
import com.aiagents.platform.console.resources.OnboardingResource;
import com.aiagents.platform.console.resources.PromptBundleResource;
import com.aiagents.platform.console.resources.QueueResource;
import com.aiagents.platform.console.resources.SignInLinkResource;
import com.aiagents.platform.console.resources.SignInResource;
import com.aiagents.platform.console.resources.TenantResource;
import com.aiagents.platform.console.web.AsPerson;
import com.aiagents.platform.console.resources.StaticResource;
import com.aiagents.platform.console.web.PageErrors;
import com.aiagents.platform.console.web.Pages;
import com.aiagents.platform.console.web.SecurityHeaders;
import com.aiagents.platform.console.web.SessionCookie;
import com.aiagents.platform.console.web.SessionFilter;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * operator-console (8085/9085): the web console for MSP staff and tenant users (docs/console.md).
 * Server-rendered pages over the services' APIs, called with the signed-in person's own token; it
 * holds no database role and no token of its own.
 */
public class ConsoleApplication extends Application<ConsoleConfiguration> {
    public static void main(String[] args) throws Exception {
        CommandLines.run(new ConsoleApplication(), args);
    }

    @Override
    public String getName() {
        return "operator-console";
    }

    @Override
    public void initialize(Bootstrap<ConsoleConfiguration> bootstrap) {
        PlatformConfigs.initialize(bootstrap);
    }

    @Override
    public void run(ConsoleConfiguration config, Environment environment) {
        if (config.getServerFactory() instanceof DefaultServerFactory server) {
            // HTML error pages (PageErrors), not Dropwizard's JSON ones
            server.setRegisterDefaultExceptionMappers(false);
        }
        PrometheusMetrics metrics = PrometheusMetrics.install(environment);
        PeerSettings peers = config.getServices();
        SessionSettings settings = config.getSessions();
        Duration idle = settings.getIdleTimeout().toJavaDuration();

        Api api = new Api(Map.of(
                Service.TENANT_SERVICE, peers.getTenantServiceUrl(),
                Service.WEBHOOK_GATEWAY, peers.getWebhookGatewayUrl(),
                Service.ENHANCEMENT_WORKER, peers.getEnhancementWorkerUrl(),
                Service.PROVISIONING_SERVICE, peers.getProvisioningServiceUrl(),
                Service.GATES_RUNNER, peers.getGatesRunnerUrl()),
                peers.getCallTimeout().toJavaDuration(), peers.getGateRunTimeout().toJavaDuration(), peers.getTlsCaFile(),
                environment.getObjectMapper(), metrics.registry());
        Sessions sessions = new Sessions(idle, settings.getMaxSessions(), Clock.systemUTC());
        SessionCookie cookie = new SessionCookie(settings.isSecureCookies());
        Pages pages = new Pages();

        environment.servlets().addFilter("security-headers", new SecurityHeaders(settings.isSecureCookies()))
                .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), true, "/*");
        var jersey = environment.jersey();
        jersey.register(new SessionFilter(sessions, cookie, pages));
        jersey.register(new PageErrors.Pages(pages));
        jersey.register(new PageErrors.Jersey(pages));
        jersey.register(new PageErrors.Unexpected(pages));
        jersey.register(new StaticResource());
        jersey.register(new SignInResource(api, sessions, cookie, pages, idle, metrics.registry()));
        jersey.register(new SignInLinkResource(api, sessions, cookie, pages));
        AsPerson calls = new AsPerson(api, sessions);
        // a fleet page's activity lookups, in parallel, bounded
        ExecutorService lookups = environment.lifecycle().executorService("console-lookups-%d")
                .minThreads(16).maxThreads(16).workQueue(new LinkedBlockingQueue<>(10_000)).build();
        // gate runs the console started (synchronous in gates-runner: minutes)
        ExecutorService background = environment.lifecycle().executorService("console-gate-runs-%d")
                .minThreads(2).maxThreads(2).workQueue(new LinkedBlockingQueue<>(100)).build();
        jersey.register(new FleetResource(calls, pages, lookups));
        jersey.register(new TenantResource(calls, pages, background));
        jersey.register(new QueueResource(calls, pages));
        jersey.register(new OnboardingResource(calls, pages));
        jersey.register(new LifecycleResource(calls, pages));
        jersey.register(new EnhancementsResource(calls, pages));
        jersey.register(new KubernetesResource(calls, pages));
        jersey.register(new PromptBundleResource(calls, pages));
        jersey.register(new AuditResource(calls, pages));
        jersey.register(new OidcResource(api, sessions, cookie, pages,
                new OidcSignIn(Duration.ofMinutes(10), settings.getMaxSessions()), settings.getPublicUrl()));

        PeerHealthChecks.register(environment, peers);
        PlatformHealth.install(environment, config.getHealthFactory(), metrics.registry());
    }
}
