package com.aiagents.platform.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import com.aiagents.platform.worker.queue.QueueSettings;
import jakarta.validation.ConstraintViolation;
import org.junit.jupiter.api.Test;

/** The shipped config.yml parses and validates with nothing set in the environment (local defaults). */
class ConfigTest {
    @Test
    void shippedConfigHasLocalDefaultsForEverySetting() throws Exception {
        YamlConfigurationFactory<EnhancementWorkerConfiguration> factory = new YamlConfigurationFactory<>(
                EnhancementWorkerConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        EnhancementWorkerConfiguration config = factory.build(new SubstitutingSourceProvider(
                new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)), "config.yml");
        assertThat(config.getQueue().getConcurrency()).isPositive();
        assertThat(config.getRedis().getUrl()).startsWith("redis://");
        assertThat(config.getDatabase().getUrl()).startsWith("jdbc:postgresql://");
        assertThat(config.getTenantService().getUrl()).startsWith("http");
        // admin, operator, viewer, and the two services that call the worker
        assertThat(config.getAuth().getTokens()).extracting(t -> t.getName()).containsExactly("platform-admin",
                "platform-operator", "platform-viewer", "gates-runner", "provisioning-service");
        // the worker's own token has no well-known default: without WORKER_SERVICE_TOKEN it does not start
        if (System.getenv("WORKER_SERVICE_TOKEN") == null) {
            assertThat(config.getTenantService().getServiceToken()).isEqualTo("${WORKER_SERVICE_TOKEN}");
        }
        assertThat(config.getLlm().isConfigured()).isEqualTo(System.getenv("LLM_BASE_URL") != null
                && !System.getenv("LLM_BASE_URL").isBlank());
        assertThat(config.getLlm().getMaxReplySize()).isEqualTo(DataSize.mebibytes(1));
    }

    @Test
    void queueTimingsThatWouldReapLiveWorkersOrBreakTheSchedulersAreRefused() {
        assertThat(Validators.newValidator().validate(new QueueSettings())).isEmpty();

        QueueSettings flapping = new QueueSettings();
        flapping.setHeartbeatTtl(Duration.seconds(1));
        flapping.setHeartbeatInterval(Duration.seconds(1));
        assertThat(Validators.newValidator().validate(flapping)).map(ConstraintViolation::getMessage)
                .containsExactly("heartbeatTtl must be at least twice heartbeatInterval");

        QueueSettings zero = new QueueSettings();
        zero.setReaperInterval(Duration.milliseconds(0));
        zero.setRetryMaxDelay(Duration.milliseconds(1));
        assertThat(Validators.newValidator().validate(zero)).map(v -> v.getPropertyPath().toString())
                .containsExactlyInAnyOrder("reaperInterval", "retryMaxDelayAtLeastBase");
    }

    @Test
    void aNeighbourhoodWeightOfOneIsRefusedUnlessTheMixIsASingleStep() {
        var settings = new com.aiagents.platform.worker.semantic.EmbeddingSettings();
        assertThat(Validators.newValidator().validate(settings)).isEmpty();
        settings.setNeighbourhoodWeight(1.0);
        assertThat(Validators.newValidator().validate(settings)).map(ConstraintViolation::getMessage)
                .containsExactly("neighbourhoodWeight must be below 1.0 when neighbourhoodSteps is more than 1");
        settings.setNeighbourhoodSteps(1);
        assertThat(Validators.newValidator().validate(settings)).isEmpty();
    }

    @Test
    void kbExpansionSettingsOutOfRangeAreRefusedNamingTheSetting() {
        var settings = new com.aiagents.platform.worker.semantic.EmbeddingSettings();
        settings.setKbExpansionArticles(0);
        settings.setKbExpansionWeight(-1.0);
        settings.setKbExpansionMinSimilarity(1.5);
        settings.setKbMinSimilarity(-0.1);
        settings.setKbMaxBelowBest(2.0);
        assertThat(Validators.newValidator().validate(settings)).map(v -> v.getPropertyPath().toString())
                .containsExactlyInAnyOrder("kbExpansionArticles", "kbExpansionWeight", "kbExpansionMinSimilarity",
                        "kbMinSimilarity", "kbMaxBelowBest");
    }

    @Test
    void aHeartbeatShorterThanTwoRedisTimeoutsOrAPostingLeaseWithinAnSdpCallIsRefusedNamingBothValues() {
        EnhancementWorkerConfiguration config = new EnhancementWorkerConfiguration();
        assertThat(timingViolations(config)).isEmpty();
        config.getQueue().setHeartbeatTtl(Duration.seconds(5));
        config.getRedis().setTimeoutMillis(5000);
        assertThat(timingViolations(config))
                .containsExactly("queue.heartbeatTtl (5 seconds) must be at least twice redis.timeoutMillis (5000 ms)");

        EnhancementWorkerConfiguration shortLease = new EnhancementWorkerConfiguration();
        shortLease.setPostingLease(Duration.seconds(30));
        assertThat(timingViolations(shortLease))
                .containsExactly("postingLease (30 seconds) must be longer than sdp.callTimeout (30 seconds)");
    }

    /** The violations of the whole configuration (not of one field, e.g. a URL only the environment gives). */
    private static java.util.List<String> timingViolations(EnhancementWorkerConfiguration config) {
        return Validators.newValidator().validate(config).stream().filter(v -> v.getPropertyPath().toString().isEmpty())
                .map(ConstraintViolation::getMessage).toList();
    }

    @Test
    void theDatabaseTimeoutsReachTheDriverBesideOptionsAlreadyGiven() {
        io.dropwizard.db.DataSourceFactory database = new io.dropwizard.db.DataSourceFactory();
        database.getProperties().put("options", "-c search_path=public");
        new DatabaseTimeouts().applyTo(database);
        assertThat(database.getProperties()).containsEntry("socketTimeout", "60")
                .containsEntry("options", "-c search_path=public -c statement_timeout=30000");

        DatabaseTimeouts inverted = new DatabaseTimeouts();
        inverted.setSocketTimeout(Duration.seconds(10));
        assertThat(Validators.newValidator().validate(inverted)).hasSize(1);
    }
}
