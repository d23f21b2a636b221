package com.aiagents.platform.common.logging;

import ch.qos.logback.classic.LoggerContext;
import io.dropwizard.core.Application;
import org.slf4j.LoggerFactory;

/**
 * A service's {@code main}: runs its command line and, when the command is not {@code server},
 * stops logging before the JVM exits. Dropwizard's own flush at the end of a command waits until
 * its asynchronous appender's queue is empty, not until the last event is written, so about one
 * {@code check} in twelve printed nothing (not even "Configuration is OK") and exited 0; stopping
 * the logger context joins the appender's worker, which finishes what it is writing. {@code server}
 * returns while the service runs on, so its logging is left alone.
 */
public final class CommandLines {
    private CommandLines() {
    }

    public static void run(Application<?> application, String... args) throws Exception {
        application.run(args);
        if (args.length == 0 || !"server".equals(args[0])) {
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
                context.stop();
            }
        }
    }
}
