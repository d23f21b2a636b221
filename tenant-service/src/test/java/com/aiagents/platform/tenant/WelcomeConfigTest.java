package com.aiagents.platform.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.tenant.core.WelcomeLinkLogFilterFactory;
import com.aiagents.platform.tenant.core.WelcomeSettings;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.logging.common.AbstractAppenderFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import org.junit.jupiter.api.Test;

/**
 * The shipped config.yml with nothing set in the environment (as the images' smoke test runs it):
 * the welcome mail is off, its settings have their documented defaults, and the request log's
 * filter that keeps the one-time links out of it is found.
 */
class WelcomeConfigTest {
    @Test
    void theShippedConfigHasMailOffAndTheRequestLogLeavesTheLinksOut() throws Exception {
        YamlConfigurationFactory<TenantServiceConfiguration> factory = new YamlConfigurationFactory<>(
                TenantServiceConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        TenantServiceConfiguration config = factory.build(new SubstitutingSourceProvider(
                new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)), "config.yml");
        WelcomeSettings welcome = config.getWelcome();
        if (System.getenv("SMTP_HOST") == null || System.getenv("SMTP_HOST").isBlank()) {
            assertThat(welcome.enabled()).isFalse();
        }
        if (System.getenv("SMTP_PORT") == null) {
            assertThat(welcome.getPort()).isEqualTo(587);
        }
        assertThat(welcome.getSendAttempts()).isEqualTo(3);
        assertThat(welcome.linkTtl()).hasHours(72);
        LogbackAccessRequestLogFactory requestLog = (LogbackAccessRequestLogFactory)
                ((AbstractServerFactory) config.getServerFactory()).getRequestLogFactory();
        assertThat(requestLog.getAppenders()).isNotEmpty().allSatisfy(appender -> assertThat(
                ((AbstractAppenderFactory<?>) appender).getFilterFactories())
                .anyMatch(WelcomeLinkLogFilterFactory.class::isInstance));
    }
}
