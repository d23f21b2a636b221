package com.aiagents.platform.provisioning.kubernetes;

import com.aiagents.platform.api.Tier;
import com.aiagents.platform.api.TenantId;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a tenant should have in Kubernetes.
 *
 * <p>{@code secretData} becomes the credentials secret's data. Its values are secrets: they never
 * appear in {@link #toString()}, logs, exception messages or status output (only the keys do).
 *
 * @param tenantId   a tenant id (validated by {@link TenantId} before any name is built from it)
 * @param tier       basic or premium
 * @param quota      the premium namespace's ResourceQuota (unused for basic)
 * @param secretData secret key to value, kept sorted by key; keys must be valid Secret keys
 *                   ({@code [-._a-zA-Z0-9]+})
 */
public record TenantResources(TenantId tenantId, Tier tier, QuotaSpec quota, Map<String, String> secretData) {

    private static final Pattern SECRET_KEY = Pattern.compile("^[-._a-zA-Z0-9]{1,253}$");

    public TenantResources {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(quota, "quota");
        secretData = copyOf(secretData);
    }

    /** A tenant with the default quota. */
    public static TenantResources of(TenantId tenantId, Tier tier, Map<String, String> secretData) {
        return new TenantResources(tenantId, tier, QuotaSpec.defaults(), secretData);
    }

    /**
     * A tenant with the default quota.
     *
     * @throws com.aiagents.platform.api.InvalidTenantIdException if {@code tenantId} is not a tenant id
     */
    public static TenantResources of(String tenantId, Tier tier, Map<String, String> secretData) {
        return of(TenantId.of(tenantId), tier, secretData);
    }

    /** The same tenant on another tier. */
    public TenantResources withTier(Tier newTier) {
        return new TenantResources(tenantId, newTier, quota, secretData);
    }

    @Override
    public String toString() {
        return "TenantResources[tenantId=" + tenantId + ", tier=" + tier.wireName() + ", quota=" + quota.hard()
                + ", secretData=<" + secretData.size() + " values redacted, keys " + secretData.keySet() + ">]";
    }

    private static SortedMap<String, String> copyOf(Map<String, String> data) {
        Objects.requireNonNull(data, "secretData");
        TreeMap<String, String> copy = new TreeMap<>();
        data.forEach((key, value) -> {
            if (key == null || !SECRET_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("secret key must match " + SECRET_KEY.pattern() + ", got "
                        + (key == null ? "null" : "'" + key + "'"));
            }
            copy.put(key, Objects.requireNonNull(value, () -> "value of secret key " + key));
        });
        return Collections.unmodifiableSortedMap(copy);
    }
}
