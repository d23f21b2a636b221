package com.aiagents.platform.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformSecretsTest {
    @Test
    void eachServiceGetsItsOwnRandomTokenUnlessTheRunIsGivenOne() {
        LocalRunOptions options = LocalRunOptions.defaults(Path.of(".")).withEnvironment(
                Map.of("WORKER_SERVICE_TOKEN", "given-worker-token-0123456789"));
        PlatformSecrets secrets = PlatformSecrets.from(options);

        Map<String, String> env = secrets.environment();
        assertThat(env).containsKeys("GATEWAY_SERVICE_TOKEN", "WORKER_SERVICE_TOKEN", "GATES_SERVICE_TOKEN",
                "PROVISIONING_SERVICE_TOKEN").doesNotContainKey("PLATFORM_SERVICE_TOKEN");
        assertThat(env.get("WORKER_SERVICE_TOKEN")).isEqualTo("given-worker-token-0123456789");
        assertThat(PlatformSecrets.SERVICE_TOKENS.stream().map(env::get).distinct()).hasSize(4)
                .allSatisfy(token -> assertThat(token).hasSizeGreaterThanOrEqualTo(16));
        assertThat(secrets.generatedNames()).contains("GATEWAY_SERVICE_TOKEN").doesNotContain("WORKER_SERVICE_TOKEN");
    }
}
