package com.aiagents.platform.common.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a bearer token may do. Written in lower case in JSON and YAML: {@code admin}, {@code operator}... */
public enum Role {
    ADMIN, OPERATOR, VIEWER, SERVICE;

    /** The lower-case name used in config, JSON and {@code @RolesAllowed} (see {@link Roles}). */
    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role fromValue(String value) {
        for (Role role : values()) {
            if (role.value().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + value + "'; expected admin, operator, viewer or service");
    }
}
