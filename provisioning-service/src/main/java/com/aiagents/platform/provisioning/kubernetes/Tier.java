package com.aiagents.platform.provisioning.kubernetes;

import java.util.Locale;

/** The tenant's service tier, which decides what it gets in Kubernetes (CONTRACT section 9). */
public enum Tier {
    /** A credentials secret in the shared namespace, nothing else. */
    BASIC,
    /** A namespace of its own with RBAC, network isolation, quota and limits. */
    PREMIUM;

    /** The value of the {@code tier} label: {@code basic} or {@code premium}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The other tier: the one whose objects {@code apply} removes. */
    Tier other() {
        return this == BASIC ? PREMIUM : BASIC;
    }
}
