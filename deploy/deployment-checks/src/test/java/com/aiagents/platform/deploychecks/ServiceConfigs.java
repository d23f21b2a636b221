package com.aiagents.platform.deploychecks;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the five services' and the console's config.yml files read from the environment. */
final class ServiceConfigs {
    static final Map<String, String> MODULE_DIRS = Map.of("tenant-service", "tenant-service",
            "webhook-gateway", "webhook-gateway", "enhancement-worker", "enhancement-worker",
            "provisioning-service", "provisioning-service", "gates-runner", "gates-runner",
            "operator-console", "operator-console");
    /** {@code ${SOME_URL:-http://127.0.0.1...}}: right for a local run, wrong in a container or a pod. */
    private static final Pattern LOOPBACK_URL = Pattern.compile("\\$\\{([A-Z_]+_URL):-http://127\\.0\\.0\\.1[^}]*}");

    private ServiceConfigs() {
    }

    /** The URL variables {@code service} reads whose default points at the loopback address. */
    static Set<String> loopbackUrlVariables(String service) {
        Matcher m = LOOPBACK_URL.matcher(Repo.read(Repo.path(MODULE_DIRS.get(service) + "/config.yml")));
        Set<String> variables = new TreeSet<>();
        while (m.find()) {
            variables.add(m.group(1));
        }
        return variables;
    }
}
