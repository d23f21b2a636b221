package com.aiagents.platform.localrun;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The encryption key, the admin token and each service's own token of a run: taken from the
 * environment when set, generated otherwise (random, for this run only). Only the admin token is
 * ever shown.
 */
final class PlatformSecrets {
    /** One per calling service: each presents its own and its callees accept it by name. */
    static final List<String> SERVICE_TOKENS = List.of("GATEWAY_SERVICE_TOKEN", "WORKER_SERVICE_TOKEN",
            "GATES_SERVICE_TOKEN", "PROVISIONING_SERVICE_TOKEN");

    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> generated;

    private PlatformSecrets(LocalRunOptions options) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        put(options, "TENANT_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key));
        put(options, "PLATFORM_ADMIN_TOKEN", "local-admin-" + Infrastructure.randomHex(16));
        for (String service : SERVICE_TOKENS) {
            put(options, service, "local-" + Infrastructure.randomHex(16));
        }
        // the feedback links of the demo's note work in this run (docs/feedback.md)
        put(options, "FEEDBACK_SIGNING_KEY", "local-feedback-" + Infrastructure.randomHex(24));
        generated = values.keySet().stream().filter(name -> options.env(name) == null).toList();
    }

    static PlatformSecrets from(LocalRunOptions options) {
        return new PlatformSecrets(options);
    }

    private void put(LocalRunOptions options, String name, String fallback) {
        String given = options.env(name);
        values.put(name, given != null ? given : fallback);
    }

    Map<String, String> environment() {
        return values;
    }

    String adminToken() {
        return values.get("PLATFORM_ADMIN_TOKEN");
    }

    /** Names (never values) of the secrets generated for this run. */
    List<String> generatedNames() {
        return generated;
    }
}
