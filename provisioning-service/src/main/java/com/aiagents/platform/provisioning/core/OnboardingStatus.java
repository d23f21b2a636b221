package com.aiagents.platform.provisioning.core;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an onboarding stands (docs/api/provisioning-service.md). */
public enum OnboardingStatus {
    /** A process is working on it (forward steps or a rollback). */
    RUNNING,
    /** The tenant is active (the ticket-history import is best effort and may have failed). */
    SUCCEEDED,
    /** A step failed: resume with the same idempotency key, or roll back with DELETE. */
    FAILED,
    /** Everything it created is gone (or the tenant was offboarded). */
    ROLLED_BACK;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OnboardingStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
