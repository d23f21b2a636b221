package com.aiagents.platform.sdpsim;

import com.aiagents.platform.sdpsim.api.ListInfoInput;
import com.aiagents.platform.sdpsim.api.NoteInput;
import com.aiagents.platform.sdpsim.api.RequestInput;
import com.aiagents.platform.sdpsim.api.SdpInputData;
import com.aiagents.platform.sdpsim.core.HistorySeeder;
import com.aiagents.platform.sdpsim.core.InstanceRegistry;
import com.aiagents.platform.sdpsim.core.RegistryHealthCheck;
import com.aiagents.platform.sdpsim.core.ServerAddress;
import com.aiagents.platform.sdpsim.core.SupportCorpus;
import com.aiagents.platform.sdpsim.core.WebhookDispatcher;
import com.aiagents.platform.sdpsim.resources.InstancesResource;
import com.aiagents.platform.sdpsim.resources.JsonProcessingExceptionMapper;
import com.aiagents.platform.sdpsim.resources.NotesResource;
import com.aiagents.platform.sdpsim.resources.OAuthRefusalMapper;
import com.aiagents.platform.sdpsim.resources.OAuthTokenResource;
import com.aiagents.platform.sdpsim.resources.RequestsResource;
import com.aiagents.platform.sdpsim.resources.ResolutionsResource;
import com.aiagents.platform.sdpsim.resources.SdpApiErrorMapper;
import com.aiagents.platform.sdpsim.resources.SdpApiGate;
import com.aiagents.platform.sdpsim.resources.SimApiExceptionMapper;
import com.aiagents.platform.sdpsim.resources.UnexpectedExceptionMapper;
import com.aiagents.platform.sdpsim.resources.WebApplicationExceptionMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;
import org.eclipse.jetty.server.Server;

/**
 * A standalone ServiceDesk Plus v3 simulator (docs/sdp-integration.md): many named instances, each an
 * on-prem or cloud SDP with its own requests, webhook and faults, for the local run, tests and
 * demos. Start: {@code java -jar sdp-simulator.jar server config.yml}.
 */
public class SdpSimulatorApplication extends Application<SdpSimulatorConfiguration> {

    public static void main(String[] args) throws Exception {
        new SdpSimulatorApplication().run(args);
    }

    @Override
    public String getName() {
        return "sdp-simulator";
    }

    @Override
    public void initialize(Bootstrap<SdpSimulatorConfiguration> bootstrap) {
        // ${SDP_SIMULATOR_PORT:-8090} and friends; non-strict so unset variables take their defaults.
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    }

    @Override
    public void run(SdpSimulatorConfiguration config, Environment environment) {
        // Our mappers answer every error as JSON in the format of the API that was called.
        if (config.getServerFactory() instanceof AbstractServerFactory) {
            ((AbstractServerFactory) config.getServerFactory()).setRegisterDefaultExceptionMappers(false);
        }
        Clock clock = Clock.systemUTC();
        ObjectMapper json = environment.getObjectMapper();
        // A typo in a fault name must be an error, not a fault silently not injected.
        json.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        ServerAddress address = new ServerAddress(config.getPublicBaseUrl());
        environment.lifecycle().addServerLifecycleListener(new BoundPortListener(address));

        InstanceRegistry registry = new InstanceRegistry(clock, webhookDispatcher(config.getWebhooks(), environment, json, clock),
                config.getWebhooks().getLogSize());
        SdpInputData inputData = new SdpInputData(json);
        RequestInput requestInput = new RequestInput(inputData);
        ListInfoInput listInfoInput = new ListInfoInput(inputData);

        JerseyEnvironment jersey = environment.jersey();
        jersey.register(new InstancesResource(registry, new HistorySeeder(SupportCorpus.load(json), clock), address));
        jersey.register(new SdpApiGate(registry));
        jersey.register(new RequestsResource(registry, requestInput, listInfoInput));
        jersey.register(new NotesResource(registry, new NoteInput(inputData), listInfoInput));
        jersey.register(new ResolutionsResource(registry, requestInput));
        jersey.register(new OAuthTokenResource(registry, address));
        jersey.register(SdpApiErrorMapper.class);
        jersey.register(SimApiExceptionMapper.class);
        jersey.register(OAuthRefusalMapper.class);
        jersey.register(JsonProcessingExceptionMapper.class);
        jersey.register(WebApplicationExceptionMapper.class);
        jersey.register(UnexpectedExceptionMapper.class);
        environment.healthChecks().register("instances", new RegistryHealthCheck(registry));
    }

    /** Learns the port Jetty actually bound (tests ask for port 0), for the instances' base_url. */
    private static final class BoundPortListener implements ServerLifecycleListener {
        private final ServerAddress address;

        BoundPortListener(ServerAddress address) {
            this.address = address;
        }

        @Override
        public void serverStarted(Server server) {
            address.bindPort(getLocalPort(server));
        }
    }

    private static WebhookDispatcher webhookDispatcher(WebhookDeliveryConfiguration settings, Environment environment,
                                                       ObjectMapper json, Clock clock) {
        Duration timeout = Duration.ofMillis(settings.getTimeout().toMilliseconds());
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(timeout).readTimeout(timeout).build();
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                http.dispatcher().executorService().shutdown();
                http.connectionPool().evictAll();
            }
        });
        ScheduledExecutorService scheduler = environment.lifecycle()
                .scheduledExecutorService("webhook-delivery-%d").threads(settings.getThreads()).build();
        return new WebhookDispatcher(http, scheduler, settings.getMaxAttempts(),
                Duration.ofMillis(settings.getFirstRetryDelay().toMilliseconds()), json, clock);
    }
}
