package com.aiagents.platform.schema;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where and as whom to migrate: the migration (owner) role runs the migrations
 * ({@code DATABASE_MIGRATION_USER}); {@code roles} are the four services' own login roles
 * ({@code TENANT_SERVICE_DATABASE_USER}, ...), created if missing and granted what each needs (docs/rls.md).
 */
public record MigrationSettings(
        String jdbcUrl, String migrationUser, String migrationPassword, Map<ServiceRole, Credentials> roles) {

    /** One service role's name and the password it is created with if it does not exist yet. */
    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return user + " (password redacted)";
        }
    }

    public MigrationSettings {
        for (ServiceRole role : ServiceRole.values()) {
            if (roles == null || roles.get(role) == null) {
                throw new MigrationException(role.userVariable() + " is not set");
            }
        }
        roles = Map.copyOf(new EnumMap<>(roles));
    }

    public String roleName(ServiceRole role) {
        return roles.get(role).user();
    }

    @Override
    public String toString() {
        return "MigrationSettings[url=" + jdbcUrl + ", migrationUser=" + migrationUser + ", roles="
                + roles.entrySet().stream().map(e -> e.getKey().service() + "=" + e.getValue().user())
                        .sorted().collect(Collectors.joining(", "))
                + ", passwords redacted]";
    }
}
