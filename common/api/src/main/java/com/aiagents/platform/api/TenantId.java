package com.aiagents.platform.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A tenant's identifier: a lower-case slug or UUID, at most 50 characters (docs/api/README.md).
 * Validated once here so every service, Redis key and Kubernetes name built from it is safe.
 */
public record TenantId(String value) {

    private static final Pattern FORMAT = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?$");

    /**
     * Names that would collide with the queue's own keys ({@code {enhancement_queue}:dead} ...),
     * since per-tenant lists are named {@code {enhancement_queue}:<tenant_id>}.
     */
    public static final Set<String> RESERVED = Set.of(
            "dead", "processing", "delayed", "workers", "tenants", "inflight", "dispatch", "heartbeat");

    public TenantId {
        String problem = problemWith(value);
        if (problem != null) {
            throw new InvalidTenantIdException(problem);
        }
    }

    @JsonCreator
    public static TenantId of(String value) {
        return new TenantId(value);
    }

    public static TenantId generate() {
        return new TenantId(UUID.randomUUID().toString());
    }

    /** Why {@code candidate} is not a tenant id, or null when it is one. Never echoes the input. */
    public static String problemWith(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return "tenant_id must not be empty";
        }
        if (candidate.length() > 50) {
            return "tenant_id must be at most 50 characters";
        }
        if (!FORMAT.matcher(candidate).matches()) {
            return "tenant_id must be lower-case letters, digits and inner hyphens only"
                    + " (pattern ^[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?$)";
        }
        if (RESERVED.contains(candidate)) {
            return "tenant_id '" + candidate + "' is reserved";
        }
        return null;
    }

    public static boolean isValid(String candidate) {
        return problemWith(candidate) == null;
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
