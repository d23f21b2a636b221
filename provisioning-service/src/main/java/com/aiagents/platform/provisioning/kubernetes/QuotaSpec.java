package com.aiagents.platform.provisioning.kubernetes;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The premium tenant's ResourceQuota {@code tenant-quota}: Kubernetes quantities such as
 * {@code 4}, {@code 500m}, {@code 8Gi}. Every value can be overridden per tenant with
 * {@link #withOverrides(Map)}, keyed by the quota's own resource names.
 */
public record QuotaSpec(
        String requestsCpu,
        String requestsMemory,
        String limitsCpu,
        String limitsMemory,
        String pods,
        String services,
        String persistentVolumeClaims) {

    public static final String REQUESTS_CPU = "requests.cpu";
    public static final String REQUESTS_MEMORY = "requests.memory";
    public static final String LIMITS_CPU = "limits.cpu";
    public static final String LIMITS_MEMORY = "limits.memory";
    public static final String PODS = "pods";
    public static final String SERVICES = "services";
    public static final String PERSISTENT_VOLUME_CLAIMS = "persistentvolumeclaims";

    private static final QuotaSpec DEFAULTS = new QuotaSpec("4", "8Gi", "8", "16Gi", "10", "5", "2");

    public QuotaSpec {
        requireQuantity(REQUESTS_CPU, requestsCpu);
        requireQuantity(REQUESTS_MEMORY, requestsMemory);
        requireQuantity(LIMITS_CPU, limitsCpu);
        requireQuantity(LIMITS_MEMORY, limitsMemory);
        requireQuantity(PODS, pods);
        requireQuantity(SERVICES, services);
        requireQuantity(PERSISTENT_VOLUME_CLAIMS, persistentVolumeClaims);
    }

    /** requests.cpu 4, requests.memory 8Gi, limits.cpu 8, limits.memory 16Gi, pods 10, services 5, persistentvolumeclaims 2. */
    public static QuotaSpec defaults() {
        return DEFAULTS;
    }

    /**
     * A copy with some values replaced, e.g. {@code Map.of("pods", "20")}. Keys are the names in
     * {@link #hard()}; an unknown key or a value that is not a quantity is rejected.
     */
    public QuotaSpec withOverrides(Map<String, String> overrides) {
        Map<String, String> values = hard();
        overrides.forEach((key, value) -> {
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("unknown quota key '" + key + "', expected one of " + values.keySet());
            }
            values.put(key, value);
        });
        return new QuotaSpec(values.get(REQUESTS_CPU), values.get(REQUESTS_MEMORY), values.get(LIMITS_CPU),
                values.get(LIMITS_MEMORY), values.get(PODS), values.get(SERVICES), values.get(PERSISTENT_VOLUME_CLAIMS));
    }

    /** The quota's {@code spec.hard}, in a fixed order. */
    public Map<String, String> hard() {
        Map<String, String> hard = new LinkedHashMap<>();
        hard.put(REQUESTS_CPU, requestsCpu);
        hard.put(REQUESTS_MEMORY, requestsMemory);
        hard.put(LIMITS_CPU, limitsCpu);
        hard.put(LIMITS_MEMORY, limitsMemory);
        hard.put(PODS, pods);
        hard.put(SERVICES, services);
        hard.put(PERSISTENT_VOLUME_CLAIMS, persistentVolumeClaims);
        return hard;
    }

    private static void requireQuantity(String key, String value) {
        Objects.requireNonNull(value, key);
        BigDecimal amount;
        try {
            amount = new Quantity(value).getNumericalAmount();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("quota " + key + " must be a Kubernetes quantity, got '" + value + "'");
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("quota " + key + " must not be negative, got '" + value + "'");
        }
    }
}
