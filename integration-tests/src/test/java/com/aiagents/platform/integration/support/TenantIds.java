package com.aiagents.platform.integration.support;

import java.util.UUID;

/** Tenant ids for tests that share one platform: a fresh one per call, so no test meets another's tenant. */
public final class TenantIds {
    private TenantIds() {
    }

    /** {@code prefix-xxxxxxxx} (8 hex digits): still a valid tenant id for a prefix of lowercase words. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
