package com.aiagents.platform.deploychecks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which secrets each workload may have, declared here on purpose rather than read from the manifests:
 * a new secret reference in a Deployment, Job or Compose service fails the checks until it is added
 * below. Variable → key of the Secret {@code ai-agents-secrets}.
 */
final class WorkloadSecrets {
    /** A variable that carries a secret or a database identity. */
    static final Pattern SECRET_VARIABLE = Pattern.compile("^(DATABASE_.*|.*_DATABASE_.*|.*(PASSWORD|TOKEN|TOKEN_SHA256|_KEY|_KEYS|_SECRET))$");
    static final String MIGRATION = "schema-migrate";
    private static final List<String> DATABASE_ROLES = List.of("tenant-service", "enhancement-worker", "gates-runner",
            "provisioning-service");

    static final Map<String, Map<String, String>> KUBERNETES = Map.of(
            "tenant-service", with(database("tenant-service"),
                    "TENANT_ENCRYPTION_KEY", "tenant-encryption-key",
                    "PLATFORM_ADMIN_TOKEN_SHA256", "platform-admin-token-sha256",
                    // people's access tokens: tenant-service alone signs them (docs/people-and-access.md)
                    "AUTH_SIGNING_KEYS", "auth-signing-keys",
                    // the welcome mail's SMTP login: only tenant-service sends mail
                    "SMTP_PASSWORD", "smtp-password",
                    // the OpenID Connect client secret: only tenant-service exchanges codes with the provider
                    "OIDC_CLIENT_SECRET", "oidc-client-secret",
                    "GATEWAY_SERVICE_TOKEN", "gateway-service-token",
                    "WORKER_SERVICE_TOKEN", "worker-service-token",
                    "GATES_SERVICE_TOKEN", "gates-service-token",
                    "PROVISIONING_SERVICE_TOKEN", "provisioning-service-token"),
            // the feedback signing key (docs/feedback.md): the gateway verifies note links, the worker signs them
            "webhook-gateway", with(Map.of(),
                    "GATEWAY_SERVICE_TOKEN", "gateway-service-token",
                    "FEEDBACK_SIGNING_KEY", "feedback-signing-key",
                    "FEEDBACK_PREVIOUS_SIGNING_KEY", "feedback-previous-signing-key"),
            "enhancement-worker", with(database("enhancement-worker"),
                    "PLATFORM_ADMIN_TOKEN_SHA256", "platform-admin-token-sha256",
                    "LLM_API_KEY", "llm-api-key",
                    "FEEDBACK_SIGNING_KEY", "feedback-signing-key",
                    "WORKER_SERVICE_TOKEN", "worker-service-token",
                    "GATES_SERVICE_TOKEN", "gates-service-token",
                    "PROVISIONING_SERVICE_TOKEN", "provisioning-service-token"),
            "provisioning-service", with(database("provisioning-service"),
                    "PLATFORM_ADMIN_TOKEN_SHA256", "platform-admin-token-sha256",
                    "PROVISIONING_SERVICE_TOKEN", "provisioning-service-token",
                    "GATES_SERVICE_TOKEN", "gates-service-token"),
            "gates-runner", with(database("gates-runner"),
                    "PLATFORM_ADMIN_TOKEN_SHA256", "platform-admin-token-sha256",
                    "LLM_API_KEY", "llm-api-key",
                    "GATES_SERVICE_TOKEN", "gates-service-token",
                    "PROVISIONING_SERVICE_TOKEN", "provisioning-service-token"),
            // the web console: no database role, no token, no secret (it calls with the signed-in person's token)
            "operator-console", Map.of(),
            MIGRATION, migration());

    private WorkloadSecrets() {
    }

    /** Whether the workload connects to PostgreSQL (and so gets DATABASE_URL). */
    static boolean hasDatabase(String workload) {
        return KUBERNETES.get(workload).keySet().stream().anyMatch(v -> v.startsWith("DATABASE_"));
    }

    /**
     * The secret variables the Compose service of {@code workload} gets: the same names, except that
     * a local stack hands the operator APIs the admin token itself (the operator holds it in deploy/.env
     * anyway), and the database address and user names are written in the file.
     */
    static Set<String> composeVariables(String workload) {
        Set<String> variables = new TreeSet<>();
        for (String variable : KUBERNETES.get(workload).keySet()) {
            variables.add(variable.equals("PLATFORM_ADMIN_TOKEN_SHA256") ? "PLATFORM_ADMIN_TOKEN" : variable);
        }
        if (hasDatabase(workload)) {
            variables.add("DATABASE_URL");
        }
        return variables;
    }

    private static Map<String, String> database(String role) {
        return Map.of("DATABASE_USER", role + "-database-user", "DATABASE_PASSWORD", role + "-database-password");
    }

    private static Map<String, String> migration() {
        Map<String, String> env = new LinkedHashMap<>(Map.of("DATABASE_MIGRATION_USER", "database-migration-user",
                "DATABASE_MIGRATION_PASSWORD", "database-migration-password"));
        for (String role : DATABASE_ROLES) {
            String prefix = role.toUpperCase().replace('-', '_');
            env.put(prefix + "_DATABASE_USER", role + "-database-user");
            env.put(prefix + "_DATABASE_PASSWORD", role + "-database-password");
        }
        return Map.copyOf(env);
    }

    private static Map<String, String> with(Map<String, String> base, String... variablesAndKeys) {
        Map<String, String> env = new LinkedHashMap<>(base);
        for (int i = 0; i < variablesAndKeys.length; i += 2) {
            env.put(variablesAndKeys[i], variablesAndKeys[i + 1]);
        }
        return Map.copyOf(env);
    }
}
