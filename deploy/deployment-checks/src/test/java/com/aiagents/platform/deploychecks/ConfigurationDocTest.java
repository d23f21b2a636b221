package com.aiagents.platform.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists every environment variable a service's config.yml reads. */
class ConfigurationDocTest {
    private static final List<String> MODULES = List.of("tenant-service", "webhook-gateway", "enhancement-worker",
            "provisioning-service", "gates-runner", "operator-console");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

    @Test
    void everyVariableAServiceReadsIsDocumented() {
        String doc = Repo.read(Repo.path("docs/configuration.md"));
        Set<String> undocumented = new TreeSet<>();
        for (String module : MODULES) {
            Matcher variable = VARIABLE.matcher(Repo.read(Repo.path(module + "/config.yml")));
            while (variable.find()) {
                if (!doc.contains("`" + variable.group(1) + "`")) {
                    undocumented.add(module + ": " + variable.group(1));
                }
            }
        }
        assertThat(undocumented).as("variables read by a config.yml but missing from docs/configuration.md").isEmpty();
    }
}
