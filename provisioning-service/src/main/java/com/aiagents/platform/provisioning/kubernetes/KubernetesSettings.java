package com.aiagents.platform.provisioning.kubernetes;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Platform-wide settings of the tenant objects.
 *
 * @param sharedNamespace  where basic tenants' secrets live (default {@code ai-agents})
 * @param ingressNamespace the ingress controller's namespace, the only source premium tenants
 *                         accept traffic from (default {@code ingress-nginx})
 */
public record KubernetesSettings(String sharedNamespace, String ingressNamespace) {

    public static final String DEFAULT_SHARED_NAMESPACE = "ai-agents";
    public static final String DEFAULT_INGRESS_NAMESPACE = "ingress-nginx";

    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

    public KubernetesSettings {
        requireNamespace("sharedNamespace", sharedNamespace);
        requireNamespace("ingressNamespace", ingressNamespace);
    }

    public static KubernetesSettings defaults() {
        return new KubernetesSettings(DEFAULT_SHARED_NAMESPACE, DEFAULT_INGRESS_NAMESPACE);
    }

    private static void requireNamespace(String what, String value) {
        Objects.requireNonNull(value, what);
        if (!DNS_LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be a namespace name (RFC 1123 label), got '" + value + "'");
        }
    }
}
