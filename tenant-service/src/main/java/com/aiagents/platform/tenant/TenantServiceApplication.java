package com.aiagents.platform.tenant;

import com.aiagents.platform.common.auth.PlatformAuth;
import com.aiagents.platform.common.config.PlatformConfigs;
import com.aiagents.platform.common.crypto.SecretCipher;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.common.errors.JsonErrors;
import com.aiagents.platform.common.openapi.OpenApiResource;
import com.aiagents.platform.common.health.PlatformHealth;
import com.aiagents.platform.common.metrics.PrometheusMetrics;
import com.aiagents.platform.common.tracing.PlatformTracing;
import com.aiagents.platform.tenant.cli.DbCommand;
import com.aiagents.platform.sdp.net.SdpUrlCheck;
import com.aiagents.platform.tenant.core.PromptBundles;
import com.aiagents.platform.tenant.core.SecretReencryption;
import com.aiagents.platform.tenant.core.ServiceAuditEntries;
import com.aiagents.platform.tenant.core.ServicedeskAddressRules;
import com.aiagents.platform.tenant.core.TenantLifecycle;
import com.aiagents.platform.tenant.core.TenantRegistry;
import com.aiagents.platform.tenant.core.TenantSecrets;
import com.aiagents.platform.tenant.core.WelcomeEmails;
import com.aiagents.platform.tenant.db.AuditLog;
import com.aiagents.platform.tenant.db.GateRunQueries;
import com.aiagents.platform.tenant.db.TenantRepository;
import com.aiagents.platform.tenant.resources.AdminResource;
import com.aiagents.platform.tenant.resources.GlobalPromptBundleResource;
import com.aiagents.platform.tenant.resources.InternalAuditResource;
import com.aiagents.platform.tenant.resources.InternalErasureResource;
import com.aiagents.platform.tenant.resources.InternalTenantResource;
import com.aiagents.platform.tenant.resources.TenantPromptBundleResource;
import com.aiagents.platform.tenant.resources.TenantResource;
import com.aiagents.platform.tenant.resources.WelcomeEmailResource;
import com.aiagents.platform.tenant.resources.WelcomeRevealResource;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;

/** tenant-service: the tenant registry (system of record), credentials vault and schema owner. */
public class TenantServiceApplication extends Application<TenantServiceConfiguration> {

    public static void main(String[] args) throws Exception {
        new TenantServiceApplication().run(args);
    }

    @Override
    public String getName() {
        return "tenant-service";
    }

    @Override
    public void initialize(Bootstrap<TenantServiceConfiguration> bootstrap) {
        PlatformConfigs.initialize(bootstrap);
        bootstrap.addCommand(new DbCommand());
    }

    @Override
    public void run(TenantServiceConfiguration config, Environment environment) {
        JsonErrors.register(environment);
        OpenApiResource.register(environment, getName());
        PlatformAuth.register(environment, config.getAuth());
        PrometheusMetrics metrics = PrometheusMetrics.install(environment);
        PlatformTracing.install(environment, config.getTracing(), getName());

        var json = environment.getObjectMapper();
        TenantDatabase database = TenantDatabase.build(environment, config.getDatabase());
        TenantRepository repository = new TenantRepository();
        AuditLog audit = new AuditLog(json);
        TenantSecrets secrets = new TenantSecrets(new SecretCipher(config.getEncryption().toKeys()), json);
        TenantRegistry registry = new TenantRegistry(database, repository, audit, secrets, json,
                config.getRegistry(), new ServicedeskAddressRules(config.getSdp().isAllowPrivateNetworks(), SdpUrlCheck.SYSTEM),
                Clock.systemUTC());
        TenantLifecycle lifecycle = new TenantLifecycle(database, repository, new GateRunQueries(), audit, registry,
                config.getRegistry());

        environment.jersey().register(new TenantResource(registry, lifecycle));
        environment.jersey().register(new InternalTenantResource(registry));
        PromptBundles bundles = new PromptBundles(database, repository, audit, json);
        environment.jersey().register(new GlobalPromptBundleResource(bundles));
        environment.jersey().register(new TenantPromptBundleResource(bundles));
        environment.jersey().register(new InternalAuditResource(new ServiceAuditEntries(database, audit, json)));
        environment.jersey().register(new InternalErasureResource(lifecycle));
        WelcomeEmails welcome = new WelcomeEmails(database, repository, audit, secrets, json, config.getRegistry(),
                config.getWelcome(), environment.lifecycle().executorService("welcome-mail-%d")
                        .minThreads(1).maxThreads(1).workQueue(new java.util.concurrent.LinkedBlockingQueue<>(1000))
                        .build(), Clock.systemUTC());
        environment.jersey().register(new WelcomeEmailResource(welcome));
        environment.jersey().register(new WelcomeRevealResource(welcome));
        environment.jersey().register(new AdminResource(new SecretReencryption(database, repository, secrets, audit)));
        PlatformHealth.install(environment, config.getHealthFactory(), metrics.registry());
    }
}
