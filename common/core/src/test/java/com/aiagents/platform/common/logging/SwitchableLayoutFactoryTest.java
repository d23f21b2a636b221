package com.aiagents.platform.common.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import jakarta.validation.Validation;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class SwitchableLayoutFactoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LoggerContext context = new LoggerContext();

    @Test
    void jsonPutsTheRequestsIdentifiersAtTheTopLevelOfOneObjectPerLine() throws Exception {
        String line = format("json");

        assertThat(line).endsWith(System.lineSeparator()).doesNotContain("\n{");
        JsonNode event = JSON.readTree(line);
        assertThat(event.path("tenant_id").asText()).isEqualTo("acme-corp");
        assertThat(event.path("job_id").asText()).isEqualTo("job-7");
        assertThat(event.path("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(event.path("message").asText()).isEqualTo("event=note_posted ticket_id=T-1");
        assertThat(event.path("level").asText()).isEqualTo("INFO");
        assertThat(event.path("logger").asText()).isEqualTo("com.example.Worker");
    }

    @Test
    void textIsTheDefaultAndUsesThePattern() {
        SwitchableLayoutFactory factory = new SwitchableLayoutFactory();
        factory.setPattern("%-5level %X{tenant_id} %msg%n");
        LayoutBase<ILoggingEvent> layout = factory.build(context, TimeZone.getTimeZone("UTC"));
        layout.start();

        assertThat(layout.doLayout(event())).isEqualTo("INFO  acme-corp event=note_posted ticket_id=T-1" + System.lineSeparator());
    }

    @Test
    void anUnknownFormatIsRefusedByName() {
        SwitchableLayoutFactory factory = new SwitchableLayoutFactory();
        factory.setFormat("xml");
        assertThatThrownBy(() -> factory.build(context, TimeZone.getTimeZone("UTC")))
                .hasMessageContaining("text or json").hasMessageContaining("'xml'");
    }

    /** What a service's config.yml says, bound the way Dropwizard binds it (the type is discovered). */
    @Test
    void aLoggingConfigNamesItByType() throws Exception {
        YamlConfigurationFactory<DefaultLoggingFactory> factory = new YamlConfigurationFactory<>(
                DefaultLoggingFactory.class, Validation.buildDefaultValidatorFactory().getValidator(),
                Jackson.newObjectMapper(), "logging");
        DefaultLoggingFactory logging = factory.build(new ResourceConfigurationSourceProvider(), "logging-json.yml");
        io.dropwizard.logging.common.ConsoleAppenderFactory<?> console =
                (io.dropwizard.logging.common.ConsoleAppenderFactory<?>) logging.getAppenders().get(0);
        DiscoverableLayoutFactory<?> layout = console.getLayout();
        assertThat(layout).isInstanceOf(SwitchableLayoutFactory.class);
        assertThat(((SwitchableLayoutFactory) layout).getFormat()).isEqualTo("json");
    }

    private String format(String format) {
        SwitchableLayoutFactory factory = new SwitchableLayoutFactory();
        factory.setFormat(format);
        LayoutBase<ILoggingEvent> layout = factory.build(context, TimeZone.getTimeZone("UTC"));
        layout.start();
        return layout.doLayout(event());
    }

    private LoggingEvent event() {
        Logger logger = context.getLogger("com.example.Worker");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO,
                "event=note_posted ticket_id={}", null, new Object[] {"T-1"});
        event.setMDCPropertyMap(Map.of("tenant_id", "acme-corp", "job_id", "job-7",
                "trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"));
        return event;
    }
}
