package com.aiagents.platform.provisioning.support;

import com.aiagents.platform.provisioning.ProvisioningServiceApplication;
import com.aiagents.platform.provisioning.ProvisioningServiceConfiguration;
import com.aiagents.platform.provisioning.kubernetes.KubernetesConfiguration;
import com.aiagents.platform.provisioning.kubernetes.KubernetesProvisioner;
import com.aiagents.platform.testing.TestDatabase;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A real provisioning-service on random ports, wired to the given database, peers and Kubernetes
 * (a factory, so tests can hand it a client of fabric8's mock API server).
 */
public final class ProvisioningApp implements AutoCloseable {
    /** Not Dropwizard's default "dw.": tenant-service runs in the same JVM with its own overrides. */
    private static final String PREFIX = "provisioning.";
    private final DropwizardTestSupport<ProvisioningServiceConfiguration> app;

    private ProvisioningApp(Function<KubernetesConfiguration, KubernetesProvisioner> kubernetes,
                            List<ConfigOverride> overrides) {
        app = new DropwizardTestSupport<>(ProvisioningServiceApplication.class, "provisioning-test.yml",
                new ResourceConfigurationSourceProvider(), PREFIX, overrides.toArray(ConfigOverride[]::new)) {
            @Override
            public Application<ProvisioningServiceConfiguration> newApplication() {
                return new ProvisioningServiceApplication(kubernetes);
            }
        };
    }

    public static Builder builder(TestDatabase database) {
        return new Builder(database);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.getLocalPort();
    }

    public String adminUrl() {
        return "http://127.0.0.1:" + app.getAdminPort();
    }

    @Override
    public void close() {
        app.after();
    }

    public static final class Builder {
        private final List<ConfigOverride> overrides = new ArrayList<>();
        private Function<KubernetesConfiguration, KubernetesProvisioner> kubernetes = KubernetesConfiguration::build;

        private Builder(TestDatabase database) {
            set("database.url", database.jdbcUrl());
            set("database.user", database.runtimeUser());
            set("database.password", database.password());
        }

        public Builder tenantService(String url) {
            return set("services.tenantService.url", url);
        }

        public Builder gatesRunner(String url) {
            return set("services.gatesRunner.url", url);
        }

        public Builder worker(String url) {
            return set("services.enhancementWorker.url", url);
        }

        public Builder kubernetes(Function<KubernetesConfiguration, KubernetesProvisioner> factory) {
            this.kubernetes = factory;
            return this;
        }

        public Builder set(String key, String value) {
            overrides.add(ConfigOverride.config(PREFIX, key, value));
            return this;
        }

        public ProvisioningApp start() {
            ProvisioningApp started = new ProvisioningApp(kubernetes, overrides);
            try {
                started.app.before();
            } catch (Exception e) {
                throw new IllegalStateException("provisioning-service did not start", e);
            }
            return started;
        }
    }
}
