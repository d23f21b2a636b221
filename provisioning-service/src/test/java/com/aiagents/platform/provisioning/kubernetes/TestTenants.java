package com.aiagents.platform.provisioning.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data and helpers shared by the provisioning tests. */
final class TestTenants {

    /** Credentials that must never show up in a message, a log line, a status or a GitOps file. */
    static final Map<String, String> SECRETS = Map.of(
            "sdp_api_key", "sk-live-3f9c1a7e-very-secret",
            "webhook_secret", "whsec-9d2e44b1-also-secret");

    private TestTenants() {
    }

    /** Fails if {@code text} holds any of {@link #SECRETS} or {@code moreSecrets}, in clear or base64. */
    static void assertNoSecretIn(String text, String... moreSecrets) {
        List<String> secrets = new ArrayList<>(SECRETS.values());
        secrets.addAll(List.of(moreSecrets));
        for (String secret : secrets) {
            assertThat(text).doesNotContain(secret).doesNotContain(base64(secret));
        }
    }

    static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> decoded(Secret secret) {
        Map<String, String> values = new LinkedHashMap<>();
        secret.getData().forEach((k, v) -> values.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        return values;
    }

    static Map<String, String> amounts(Map<String, Quantity> quantities) {
        Map<String, String> amounts = new LinkedHashMap<>();
        quantities.forEach((key, value) -> amounts.put(key, value.toString()));
        return amounts;
    }

    static <T> T find(List<HasMetadata> plan, Class<T> type) {
        return plan.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }
}
