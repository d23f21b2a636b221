package com.aiagents.platform.common.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a caller may do. Written in lower case in JSON and YAML: {@code admin}, {@code operator}...
 * {@code admin}, {@code operator} and {@code viewer} are the MSP's staff (static tokens or people);
 * {@code tenant_admin} and {@code tenant_viewer} are people bound to one tenant (only in access
 * tokens, never a static token); {@code service} is a peer service's own token.
 */
public enum Role {
    ADMIN, OPERATOR, VIEWER, SERVICE, TENANT_ADMIN, TENANT_VIEWER;

    /** The lower-case name used in config, JSON and {@code @RolesAllowed} (see {@link Roles}). */
    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A role bound to one tenant: its holder sees only that tenant ({@link PlatformPrincipal#tenant()}). */
    public boolean tenantBound() {
        return this == TENANT_ADMIN || this == TENANT_VIEWER;
    }

    /** A role a person's account may hold: every role but {@code service}. */
    public boolean heldByPeople() {
        return this != SERVICE;
    }

    @JsonCreator
    public static Role fromValue(String value) {
        for (Role role : values()) {
            if (role.value().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + value + "'; expected admin, operator, viewer, service, tenant_admin or tenant_viewer");
    }
}
