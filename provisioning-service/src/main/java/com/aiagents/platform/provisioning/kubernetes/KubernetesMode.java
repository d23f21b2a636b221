package com.aiagents.platform.provisioning.kubernetes;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** {@code KUBERNETES_MODE}: {@code cluster} (talk to the API server) or {@code manifests} (write YAML). */
public enum KubernetesMode {
    CLUSTER,
    MANIFESTS;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static KubernetesMode fromValue(String value) {
        return Arrays.stream(values())
                .filter(mode -> mode.value().equalsIgnoreCase(value == null ? "" : value.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "KUBERNETES_MODE must be 'cluster' or 'manifests', got '" + value + "'"));
    }
}
