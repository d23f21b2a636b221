package com.aiagents.platform.worker;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code databaseTimeouts:} section. Without them a job blocked on a dead connection (a
 * database failover, a dropped NAT entry) or a statement waiting on a lock never ends: PostgreSQL's
 * {@code statement_timeout} cancels a statement server-side (the connection stays usable), and the
 * JDBC driver's {@code socketTimeout} ends a read that no answer will ever come to (the connection
 * is then discarded). The socket timeout is the longer, so a slow statement is cancelled cleanly
 * before the driver gives up on the connection.
 */
public class DatabaseTimeouts {
    @NotNull @MinDuration(value = 1, unit = TimeUnit.SECONDS) private Duration statementTimeout = Duration.seconds(30);
    @NotNull @MinDuration(value = 1, unit = TimeUnit.SECONDS) private Duration socketTimeout = Duration.seconds(60);

    @JsonProperty public Duration getStatementTimeout() { return statementTimeout; }
    @JsonProperty public void setStatementTimeout(Duration v) { statementTimeout = v; }
    @JsonProperty public Duration getSocketTimeout() { return socketTimeout; }
    @JsonProperty public void setSocketTimeout(Duration v) { socketTimeout = v; }

    @JsonIgnore
    @ValidationMethod(message = "socketTimeout must be longer than statementTimeout (a slow statement is cancelled"
            + " by the server before the driver abandons its connection)")
    public boolean isSocketTimeoutLongerThanStatementTimeout() {
        return statementTimeout == null || socketTimeout == null
                || socketTimeout.toMilliseconds() > statementTimeout.toMilliseconds();
    }

    /**
     * Adds both to the pool's connection properties: the driver's {@code socketTimeout} (seconds)
     * and {@code options=-c statement_timeout=<ms>}, kept beside any options already configured.
     * Values set explicitly in {@code database.properties} win.
     */
    public void applyTo(DataSourceFactory database) {
        Map<String, String> properties = database.getProperties();
        properties.putIfAbsent("socketTimeout", Long.toString(Math.max(1, socketTimeout.toSeconds())));
        String options = properties.getOrDefault("options", "");
        if (!options.contains("statement_timeout")) {
            String timeout = "-c statement_timeout=" + statementTimeout.toMilliseconds();
            properties.put("options", options.isBlank() ? timeout : options + " " + timeout);
        }
    }
}
