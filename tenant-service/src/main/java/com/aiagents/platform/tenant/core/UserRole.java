package com.aiagents.platform.tenant.core;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * A person's role (the {@code role} claim): MSP staff ({@code admin}, {@code operator},
 * {@code viewer}) have no tenant; tenant users ({@code tenant_admin}, {@code tenant_viewer}) have
 * exactly one.
 */
public enum UserRole {
    ADMIN, OPERATOR, VIEWER, TENANT_ADMIN, TENANT_VIEWER;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean staff() {
        return this == ADMIN || this == OPERATOR || this == VIEWER;
    }

    public static Optional<UserRole> parse(String value) {
        for (UserRole role : values()) {
            if (role.value().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
