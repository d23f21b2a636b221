package com.aiagents.platform.provisioning.kubernetes;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Platform-wide settings of the tenant objects.
 *
 * @param sharedNamespace   where basic tenants' secrets live (default {@code ai-agents}; the Kubernetes
 *                          deployment uses {@code ai-agents-tenants}, which holds nothing else)
 * @param ingressNamespace  the ingress controller's namespace, the only source premium tenants
 *                          accept traffic from (default {@code ingress-nginx})
 * @param dataNamespace     where PostgreSQL and Redis run: the only destination of premium tenants'
 *                          egress on 5432 and 6379 (default {@code ai-agents-data})
 * @param httpsEgressExcept CIDRs premium tenants may not reach on 443 (cluster, private, link-local
 *                          and carrier-grade NAT ranges by default); everything else may be reached
 * @param platformNamespace where provisioning-service itself runs: the namespace of its ServiceAccount,
 *                          which it binds in each tenant namespace (default {@code ai-agents})
 */
public record KubernetesSettings(String sharedNamespace, String ingressNamespace, String dataNamespace,
                                 List<String> httpsEgressExcept, String platformNamespace) {

    public static final String DEFAULT_SHARED_NAMESPACE = "ai-agents";
    public static final String DEFAULT_INGRESS_NAMESPACE = "ingress-nginx";
    public static final String DEFAULT_DATA_NAMESPACE = "ai-agents-data";
    public static final String DEFAULT_PLATFORM_NAMESPACE = "ai-agents";
    public static final List<String> DEFAULT_HTTPS_EGRESS_EXCEPT = List.of(
            "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10");

    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    private static final Pattern IPV4_CIDR = Pattern.compile("^(\\d{1,3}(\\.\\d{1,3}){3})/(\\d{1,2})$");

    public KubernetesSettings {
        requireNamespace("sharedNamespace", sharedNamespace);
        requireNamespace("ingressNamespace", ingressNamespace);
        requireNamespace("dataNamespace", dataNamespace);
        requireNamespace("platformNamespace", platformNamespace);
        httpsEgressExcept = List.copyOf(Objects.requireNonNull(httpsEgressExcept, "httpsEgressExcept"));
        httpsEgressExcept.forEach(KubernetesSettings::requireIpv4Cidr);
    }

    /** The given shared and ingress namespaces, defaults for the rest. */
    public KubernetesSettings(String sharedNamespace, String ingressNamespace) {
        this(sharedNamespace, ingressNamespace, DEFAULT_DATA_NAMESPACE, DEFAULT_HTTPS_EGRESS_EXCEPT,
                DEFAULT_PLATFORM_NAMESPACE);
    }

    public static KubernetesSettings defaults() {
        return new KubernetesSettings(DEFAULT_SHARED_NAMESPACE, DEFAULT_INGRESS_NAMESPACE);
    }

    /** The same settings with another shared namespace. */
    public KubernetesSettings withSharedNamespace(String namespace) {
        return new KubernetesSettings(namespace, ingressNamespace, dataNamespace, httpsEgressExcept, platformNamespace);
    }

    private static void requireNamespace(String what, String value) {
        Objects.requireNonNull(value, what);
        if (!DNS_LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be a namespace name (RFC 1123 label), got '" + value + "'");
        }
    }

    /** NetworkPolicy's ipBlock.except must lie inside its cidr, 0.0.0.0/0: IPv4 only. */
    private static void requireIpv4Cidr(String cidr) {
        Matcher m = IPV4_CIDR.matcher(Objects.requireNonNull(cidr, "httpsEgressExcept entry"));
        boolean valid = m.matches() && Integer.parseInt(m.group(3)) <= 32
                && Arrays.stream(m.group(1).split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        if (!valid) {
            throw new IllegalArgumentException("httpsEgressExcept entries must be IPv4 CIDRs such as 10.0.0.0/8, got '" + cidr + "'");
        }
    }
}
