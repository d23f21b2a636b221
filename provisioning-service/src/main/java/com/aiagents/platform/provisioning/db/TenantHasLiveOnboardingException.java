package com.aiagents.platform.provisioning.db;

import java.util.UUID;

/** Another onboarding of the same tenant id that is not rolled back exists (one per tenant id). */
public final class TenantHasLiveOnboardingException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient UUID other;

    public TenantHasLiveOnboardingException(UUID other) {
        super("tenant has onboarding " + other, null, false, false);
        this.other = other;
    }

    /** The other onboarding; null when it was rolled back meanwhile. */
    public UUID other() {
        return other;
    }
}
