package com.aiagents.platform.integration.support;

import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One of our services, real, in this JVM (DropwizardTestSupport) with a test YAML from the class
 * path and settings as config overrides. Overrides are JVM-wide system properties, so each service
 * has a prefix of its own ({@code dw.} is the in-process tenant-service's).
 *
 * <p>Started on random ports; once started it keeps them, so {@link #stop()} then {@link #start()}
 * brings the same service back where its peers already point.
 */
public final class InProcessApp<C extends Configuration> {
    private final Class<? extends Application<C>> type;
    private final Supplier<? extends Application<C>> factory;
    private final String configResource;
    private final String prefix;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private DropwizardTestSupport<C> app;
    private int port;
    private int adminPort;

    /**
     * @param factory        makes the application (a constructor with test wiring, e.g. a mock cluster's client)
     * @param configResource the YAML on the test class path, e.g. {@code platform/gates-runner.yml}
     * @param prefix         the system-property prefix of its overrides, unique per service
     */
    public InProcessApp(Class<? extends Application<C>> type, Supplier<? extends Application<C>> factory,
                        String configResource, String prefix) {
        this.type = type;
        this.factory = factory;
        this.configResource = configResource;
        this.prefix = prefix;
    }

    /** A config override ({@code "database.url"}, {@code "gates.goldenPathTimeout"}...) for the next start. */
    public InProcessApp<C> set(String key, String value) {
        settings.put(key, value);
        return this;
    }

    public InProcessApp<C> setAll(Map<String, String> values) {
        settings.putAll(values);
        return this;
    }

    /** Pins the application port before the first start (a peer must know it before this service starts). */
    public InProcessApp<C> port(int port) {
        this.port = port;
        return this;
    }

    public void start() {
        Map<String, String> all = new LinkedHashMap<>(settings);
        if (port != 0) {
            all.put("server.applicationConnectors[0].port", Integer.toString(port));
        }
        if (adminPort != 0) {
            all.put("server.adminConnectors[0].port", Integer.toString(adminPort));
        }
        List<ConfigOverride> overrides = all.entrySet().stream()
                .map(e -> ConfigOverride.config(prefix, e.getKey(), e.getValue())).toList();
        DropwizardTestSupport<C> support = new DropwizardTestSupport<>(type, configResource,
                new ResourceConfigurationSourceProvider(), prefix, overrides.toArray(ConfigOverride[]::new)) {
            @Override
            public Application<C> newApplication() {
                return factory.get();
            }
        };
        try {
            support.before();
        } catch (Exception e) {
            throw new IllegalStateException(type.getSimpleName() + " did not start", e);
        }
        app = support;
        port = support.getLocalPort();
        adminPort = support.getAdminPort();
    }

    /** Stops the service (a real stop: its server, its consumers, its pools); idempotent. */
    public void stop() {
        if (app != null) {
            // Dropwizard resets logback when an application stops, which would leave the services
            // still running in this JVM at logback's default level, DEBUG (Jetty's header dumps
            // included); they keep the level they had
            ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger)
                    org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            ch.qos.logback.classic.Level level = root.getLevel();
            app.after();
            root.setLevel(level);
            app = null;
        }
    }

    public boolean running() {
        return app != null;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String adminUrl() {
        return "http://127.0.0.1:" + adminPort;
    }

    /** The running service's environment (e.g. its Jersey resources, which the access matrix enumerates). */
    public io.dropwizard.core.setup.Environment environment() {
        return app.getEnvironment();
    }

    /** The running application object (for a service's own hooks, e.g. gates-runner's wiring). */
    public Application<C> application() {
        return app.getApplication();
    }
}
