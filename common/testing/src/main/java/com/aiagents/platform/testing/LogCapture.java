package com.aiagents.platform.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of the JVM (formatted message, MDC and stack traces) so a test can
 * assert that no secret was ever logged. Attach after the application started: Dropwizard
 * resets logging when it boots.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<String> lines = new ArrayList<>();

    public static LogCapture attach() {
        LogCapture capture = new LogCapture();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        capture.setContext(context);
        capture.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(capture);
        return capture;
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ')
                .append(event.getFormattedMessage()).append(' ').append(event.getMDCPropertyMap());
        for (var proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
            line.append(" | ").append(proxy.getClassName()).append(": ").append(proxy.getMessage());
        }
        lines.add(line.toString());
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Every captured line that contains {@code needle}. */
    public synchronized List<String> linesContaining(String needle) {
        return lines.stream().filter(l -> l.contains(needle)).toList();
    }

    /**
     * Every captured line that reveals {@code token}: contains it whole or, for a signed JWT, its
     * signature alone (an {@code alg: none} token has none to reveal).
     */
    public synchronized List<String> linesRevealing(String token) {
        String signature = token.substring(token.lastIndexOf('.') + 1);
        return lines.stream().filter(l -> l.contains(token) || (signature.length() > 20 && l.contains(signature))).toList();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(this);
        stop();
    }
}
