package com.aiagents.platform.schema;

/**
 * Where and as whom to migrate: the owner role runs the migrations; the runtime role is what the
 * services connect as (docs/configuration.md: DATABASE_MIGRATION_USER and DATABASE_USER).
 */
public record MigrationSettings(
        String jdbcUrl, String migrationUser, String migrationPassword, String runtimeUser, String runtimePassword) {

    @Override
    public String toString() {
        return "MigrationSettings[url=" + jdbcUrl + ", migrationUser=" + migrationUser
                + ", runtimeUser=" + runtimeUser + ", passwords redacted]";
    }
}
