package com.aiagents.platform.common.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.DropwizardLayout;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import io.dropwizard.logging.json.EventAttribute;
import io.dropwizard.logging.json.EventJsonLayoutBaseFactory;
import java.util.EnumSet;
import java.util.Locale;
import java.util.TimeZone;

/**
 * A log layout chosen by configuration, so one config.yml serves both a developer's terminal and
 * a log pipeline: {@code format: ${LOG_FORMAT:-text}} gives Dropwizard's text layout with
 * {@code pattern}, or with {@code json} one JSON object per line whose MDC entries (tenant_id,
 * job_id, trace_id, span_id) are top-level fields a log store can index. Dropwizard picks a
 * layout by its {@code type}, which an environment variable cannot switch; this type can.
 * <pre>
 * appenders:
 *   - type: console
 *     layout:
 *       type: platform
 *       format: ${LOG_FORMAT:-text}
 *       pattern: "%d{ISO8601} %-5level [%thread] %logger{36} %X - %msg%n"
 * </pre>
 */
@JsonTypeName("platform")
public class SwitchableLayoutFactory implements DiscoverableLayoutFactory<ILoggingEvent> {
    private String format = "text";
    private String pattern = "%d{ISO8601} %-5level [%thread] %logger{36} %X - %msg%n";

    @JsonProperty
    public String getFormat() {
        return format;
    }

    @JsonProperty
    public void setFormat(String format) {
        this.format = format;
    }

    @JsonProperty
    public String getPattern() {
        return pattern;
    }

    @JsonProperty
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public LayoutBase<ILoggingEvent> build(LoggerContext context, TimeZone timeZone) {
        String chosen = format == null || format.isBlank() ? "text" : format.trim().toLowerCase(Locale.ROOT);
        return switch (chosen) {
            case "json" -> json().build(context, timeZone);
            case "text" -> text(context, timeZone);
            default -> throw new IllegalArgumentException(
                    "logging layout format must be text or json (LOG_FORMAT), not '" + format + "'");
        };
    }

    private LayoutBase<ILoggingEvent> text(LoggerContext context, TimeZone timeZone) {
        DropwizardLayout layout = new DropwizardLayout(context, timeZone);
        layout.setPattern(pattern);
        return layout;
    }

    private static EventJsonLayoutBaseFactory json() {
        EventJsonLayoutBaseFactory json = new EventJsonLayoutBaseFactory();
        json.setIncludes(EnumSet.of(EventAttribute.TIMESTAMP, EventAttribute.LEVEL, EventAttribute.THREAD_NAME,
                EventAttribute.LOGGER_NAME, EventAttribute.MESSAGE, EventAttribute.EXCEPTION, EventAttribute.MDC));
        json.setFlattenMdc(true);
        json.setTimestampFormat("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        return json;
    }
}
