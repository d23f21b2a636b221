package com.aiagents.platform.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Substitution itself is exercised by the auth test's YAML ({@code ${VAR:-default}}). */
class PlatformConfigsTest {
    @Test
    void unresolvedPlaceholdersAndBlanksCountAsUnset() {
        assertThat(PlatformConfigs.isUnset(null)).isTrue();
        assertThat(PlatformConfigs.isUnset("  ")).isTrue();
        assertThat(PlatformConfigs.isUnset("${PLATFORM_ADMIN_TOKEN}")).isTrue();
        assertThat(PlatformConfigs.isUnset("a-real-token-value")).isFalse();
        assertThat(PlatformConfigs.isUnset("prefix-${NOT_A_PLACEHOLDER}")).isFalse();
    }
}
