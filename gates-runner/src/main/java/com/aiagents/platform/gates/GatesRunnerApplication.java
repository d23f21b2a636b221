package com.aiagents.platform.gates;

import com.aiagents.platform.common.audit.AuditTrail;
import com.aiagents.platform.common.auth.PlatformAuth;
import com.aiagents.platform.common.auth.TokenIssuer;
import com.aiagents.platform.common.config.PlatformConfigs;
import com.aiagents.platform.common.errors.JsonErrors;
import com.aiagents.platform.common.logging.CommandLines;
import com.aiagents.platform.common.openapi.OpenApiResource;
import com.aiagents.platform.common.health.PlatformHealth;
import com.aiagents.platform.common.metrics.PrometheusMetrics;
import com.aiagents.platform.common.tracing.PlatformTracing;
import com.aiagents.platform.gates.cli.ValidateCommand;
import com.aiagents.platform.gates.core.GatesWiring;
import com.aiagents.platform.gates.core.ReplicaLocks;
import com.aiagents.platform.gates.core.Revalidation;
import com.aiagents.platform.gates.health.PeerHealthChecks;
import com.aiagents.platform.gates.resources.GateRunResource;
import com.aiagents.platform.gates.resources.LatestGateRunsResource;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** gates-runner: the four onboarding gates, as a service (8084/9084) and as the {@code validate} command. */
public class GatesRunnerApplication extends Application<GatesRunnerConfiguration> {
    private volatile GatesWiring wiring;

    public static void main(String[] args) throws Exception {
        CommandLines.run(new GatesRunnerApplication(), args);
    }

    @Override
    public String getName() {
        return "gates-runner";
    }

    @Override
    public void initialize(Bootstrap<GatesRunnerConfiguration> bootstrap) {
        PlatformConfigs.initialize(bootstrap);
        bootstrap.addCommand(new ValidateCommand());
    }

    /** The running service's gates (for its own tests, e.g. to trigger a revalidation pass). */
    public GatesWiring wiring() {
        return wiring;
    }

    @Override
    public void run(GatesRunnerConfiguration config, Environment environment) {
        JsonErrors.register(environment);
        OpenApiResource.register(environment, getName());
        PlatformAuth.register(environment, config.getAuth(), new TokenIssuer(config.getServices().getTenantServiceUrl(),
                config.getServices().getServiceToken(), config.getServices().getTlsCaFile()));
        PrometheusMetrics metrics = PrometheusMetrics.install(environment);
        PlatformTracing tracing = PlatformTracing.install(environment, config.getTracing(), getName());

        GatesWiring gates = GatesWiring.build(config, environment, metrics.registry(), tracing);
        this.wiring = gates;
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                gates.close();
            }
        });
        PeerHealthChecks.register(environment, gates.untracedHttp(), gates.redis(), config.getServices());
        AuditTrail audit = new AuditTrail(config.getServices().getTenantServiceUrl(), config.getServices().getServiceToken(),
                config.getServices().getTlsCaFile(), tracing.clientInterceptor(), metrics.registry());
        environment.lifecycle().manage(new io.dropwizard.lifecycle.AutoCloseableManager(audit));
        environment.jersey().register(new GateRunResource(gates.runner(), audit));
        environment.jersey().register(new LatestGateRunsResource(gates.runner()));

        GatesSettings.Revalidation revalidation = config.getGates().getRevalidation();
        if (revalidation.isEnabled()) {
            ScheduledExecutorService scheduler = environment.lifecycle()
                    .scheduledExecutorService("gate-revalidation", true).threads(1).build();
            scheduler.scheduleWithFixedDelay(
                    new Revalidation(gates.runner(), gates.services(), gates.metrics(), revalidation.getGates(),
                            new ReplicaLocks(gates.redis()), revalidation.getInterval().toJavaDuration()),
                    revalidation.getInitialDelay().toMilliseconds(), revalidation.getInterval().toMilliseconds(),
                    TimeUnit.MILLISECONDS);
        }
        PlatformHealth.install(environment, config.getHealthFactory(), metrics.registry());
    }
}
