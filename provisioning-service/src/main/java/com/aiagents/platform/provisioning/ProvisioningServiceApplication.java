package com.aiagents.platform.provisioning;

import com.aiagents.platform.common.audit.AuditTrail;
import com.aiagents.platform.common.auth.PlatformAuth;
import com.aiagents.platform.common.auth.TokenIssuer;
import com.aiagents.platform.common.config.PlatformConfigs;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.common.errors.JsonErrors;
import com.aiagents.platform.common.logging.CommandLines;
import com.aiagents.platform.common.openapi.OpenApiResource;
import com.aiagents.platform.common.health.HttpDependencyHealthCheck;
import com.aiagents.platform.common.health.PlatformHealth;
import com.aiagents.platform.common.metrics.PrometheusMetrics;
import com.aiagents.platform.common.tracing.PlatformTracing;
import com.aiagents.platform.provisioning.client.GatesRunnerClient;
import com.aiagents.platform.provisioning.client.ServiceEndpoint;
import com.aiagents.platform.provisioning.client.ServicesConfig;
import com.aiagents.platform.provisioning.client.TenantRegistryClient;
import com.aiagents.platform.provisioning.client.WorkerClient;
import com.aiagents.platform.provisioning.core.OnboardingMetrics;
import com.aiagents.platform.provisioning.core.OnboardingSaga;
import com.aiagents.platform.provisioning.core.OnboardingStatusGauge;
import com.aiagents.platform.provisioning.core.Onboardings;
import com.aiagents.platform.provisioning.core.TenantErasure;
import com.aiagents.platform.provisioning.core.TenantKubernetes;
import com.aiagents.platform.provisioning.db.OnboardingStore;
import com.aiagents.platform.provisioning.health.KubernetesHealthCheck;
import com.aiagents.platform.provisioning.kubernetes.KubernetesConfiguration;
import com.aiagents.platform.provisioning.kubernetes.KubernetesProvisioner;
import com.aiagents.platform.provisioning.resources.ErasureResource;
import com.aiagents.platform.provisioning.resources.KubernetesResource;
import com.aiagents.platform.provisioning.resources.OnboardingResource;
import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.AutoCloseableManager;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import okhttp3.OkHttpClient;

/** provisioning-service: the operators' one-call onboarding (a saga) and each tenant's Kubernetes objects by tier. */
public class ProvisioningServiceApplication extends Application<ProvisioningServiceConfiguration> {
    private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(15);
    private final Function<KubernetesConfiguration, KubernetesProvisioner> kubernetesFactory;

    public ProvisioningServiceApplication() {
        this(KubernetesConfiguration::build);
    }

    /** For tests and benchmarks: a provisioner built some other way (a mock API server's client). */
    public ProvisioningServiceApplication(Function<KubernetesConfiguration, KubernetesProvisioner> kubernetesFactory) {
        this.kubernetesFactory = kubernetesFactory;
    }

    public static void main(String[] args) throws Exception {
        CommandLines.run(new ProvisioningServiceApplication(), args);
    }

    @Override
    public String getName() {
        return "provisioning-service";
    }

    @Override
    public void initialize(Bootstrap<ProvisioningServiceConfiguration> bootstrap) {
        PlatformConfigs.initialize(bootstrap);
    }

    @Override
    public void run(ProvisioningServiceConfiguration config, Environment environment) {
        config.getServices().requireOwnToken();
        JsonErrors.register(environment);
        OpenApiResource.register(environment, getName());
        PlatformAuth.register(environment, config.getAuth(), new TokenIssuer(config.getServices().getTenantService().getUrl(),
                config.getServices().serviceToken(), config.getServices().getTlsCaFile()));
        PrometheusMetrics metrics = PrometheusMetrics.install(environment);
        PlatformTracing tracing = PlatformTracing.install(environment, config.getTracing(), getName());

        TenantDatabase database = TenantDatabase.build(environment, config.getDatabase());
        ServicesConfig services = config.getServices();
        TenantRegistryClient registry = new TenantRegistryClient(services, tracing.clientInterceptor());
        GatesRunnerClient gates = new GatesRunnerClient(services, tracing.clientInterceptor());
        WorkerClient worker = new WorkerClient(services, tracing.clientInterceptor());
        KubernetesProvisioner kubernetes = kubernetesFactory.apply(config.getKubernetes());

        AuditTrail audit = new AuditTrail(services.getTenantService().getUrl(), services.serviceToken(),
                services.getTlsCaFile(), tracing.clientInterceptor(), metrics.registry());
        OnboardingStore store = new OnboardingStore(database);
        OnboardingMetrics onboardingMetrics = new OnboardingMetrics(metrics.registry());
        // counted at most once per scrape interval (prometheus*.yml: 15 s), however many scrapers
        new OnboardingStatusGauge(store::countByStatus, SCRAPE_INTERVAL, Instant::now).register(metrics.registry());
        OnboardingSaga saga = new OnboardingSaga(store, registry, gates, worker, kubernetes, onboardingMetrics, tracing,
                config.getOnboarding(), audit);
        Onboardings onboardings = new Onboardings(store, saga, onboardingMetrics, config.getOnboarding(), tracing);

        // Stopped in reverse order: the clients are closed (cancelling calls in flight) before
        // onboardings stop, so runs end promptly and are recorded as interrupted.
        TenantErasure erasure = new TenantErasure(database, registry, worker, kubernetes, config.getErasure(), audit);
        environment.lifecycle().manage(onboardings);
        environment.lifecycle().manage(erasure);
        environment.lifecycle().manage(new AutoCloseableManager(kubernetes));
        environment.lifecycle().manage(closing(registry, gates, worker, audit));

        environment.jersey().register(new OnboardingResource(onboardings, audit, worker, registry));
        environment.jersey().register(new ErasureResource(erasure));
        environment.jersey().register(new KubernetesResource(new TenantKubernetes(database, registry, kubernetes),
                config.getKubernetes().getMode().value(), audit));

        environment.healthChecks().register("kubernetes", new KubernetesHealthCheck(kubernetes));
        OkHttpClient http = new OkHttpClient();
        registerPeer(environment, http, "tenant-service", services.getTenantService());
        registerPeer(environment, http, "gates-runner", services.getGatesRunner());
        registerPeer(environment, http, "enhancement-worker", services.getEnhancementWorker());
        registerPeer(environment, http, "webhook-gateway", services.getWebhookGateway());
        PlatformHealth.install(environment, config.getHealthFactory(), metrics.registry());
    }

    /** Always registered: {@code health.healthChecks} names every peer, and a named check must exist. */
    private static void registerPeer(Environment environment, OkHttpClient http, String name, ServiceEndpoint endpoint) {
        HealthCheck check = PlatformConfigs.isUnset(endpoint.getHealthUrl())
                ? new HealthCheck() {
                    @Override
                    protected Result check() {
                        return Result.unhealthy("not monitored: no health URL configured for " + name);
                    }
                }
                : new HttpDependencyHealthCheck(http, endpoint.getHealthUrl());
        environment.healthChecks().register(name, check);
    }

    private static Managed closing(AutoCloseable... clients) {
        return new Managed() {
            @Override
            public void stop() throws Exception {
                for (AutoCloseable client : clients) {
                    client.close();
                }
            }
        };
    }
}
