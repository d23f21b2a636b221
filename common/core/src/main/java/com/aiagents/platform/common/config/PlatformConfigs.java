package com.aiagents.platform.common.config;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.setup.Bootstrap;

/** How every service reads its YAML: secrets and addresses come from the environment. */
public final class PlatformConfigs {
    private PlatformConfigs() {
    }

    /**
     * The one bootstrap every service does: environment substitution in its YAML, and ISO-8601
     * timestamps (not epoch numbers) in every JSON it writes.
     */
    public static void initialize(Bootstrap<?> bootstrap) {
        enableEnvironmentSubstitution(bootstrap);
        bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /**
     * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in the YAML with environment variables.
     * Not strict, so defaults work and an unset variable without one is left as the literal
     * {@code ${VAR}}; code that reads secrets checks for that with {@link #isUnset(String)}.
     */
    public static void enableEnvironmentSubstitution(Bootstrap<?> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    }

    /** True for null, blank, or a {@code ${VAR}} placeholder that no environment variable replaced. */
    public static boolean isUnset(String value) {
        if (value == null || value.isBlank()) {
            return true;
        }
        String trimmed = value.trim();
        return trimmed.startsWith("${") && trimmed.endsWith("}");
    }
}
