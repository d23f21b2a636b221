package com.aiagents.platform.gates.support;

import com.aiagents.platform.gates.GatesRunnerApplication;
import com.aiagents.platform.gates.GatesRunnerConfiguration;
import com.aiagents.platform.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.util.ArrayList;
import java.util.List;

/** A real gates-runner on random ports, wired to the given database, Redis and peers. */
public final class GatesApp {
    /**
     * Not Dropwizard's default {@code dw.}: overrides are JVM-wide system properties, and the
     * in-process tenant-service's ({@code dw.registry...}) must not reach this app, nor ours it.
     */
    public static final String PREFIX = "gates";

    private final DropwizardTestSupport<GatesRunnerConfiguration> app;

    public GatesApp(TestDatabase database, String redisUrl, String tenantServiceUrl, String peersUrl,
                    ConfigOverride... extra) throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config(PREFIX, "database.url", database.jdbcUrl()),
                ConfigOverride.config(PREFIX, "database.user", database.runtimeUser()),
                ConfigOverride.config(PREFIX, "database.password", database.password()),
                ConfigOverride.config(PREFIX, "redisUrl", redisUrl),
                ConfigOverride.config(PREFIX, "services.tenantServiceUrl", tenantServiceUrl),
                ConfigOverride.config(PREFIX, "services.webhookGatewayUrl", peersUrl),
                ConfigOverride.config(PREFIX, "services.provisioningServiceUrl", peersUrl),
                ConfigOverride.config(PREFIX, "services.enhancementWorkerUrl", peersUrl)));
        overrides.addAll(List.of(extra));
        app = new DropwizardTestSupport<>(GatesRunnerApplication.class,
                ResourceHelpers.resourceFilePath("gates-runner-test.yml"), PREFIX, overrides.toArray(ConfigOverride[]::new));
        app.before();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.getLocalPort();
    }

    public String adminUrl() {
        return "http://127.0.0.1:" + app.getAdminPort();
    }

    public GatesRunnerApplication application() {
        return app.getApplication();
    }

    public void stop() {
        app.after();
    }
}
