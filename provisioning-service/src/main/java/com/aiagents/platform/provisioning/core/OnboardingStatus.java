package com.aiagents.platform.provisioning.core;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an onboarding stands (docs/api/provisioning-service.md). */
public enum OnboardingStatus {
    /** A process is working on its forward steps. */
    RUNNING,
    /** The tenant is active (the ticket-history import is best effort and may have failed). */
    SUCCEEDED,
    /** A step failed: resume with the same idempotency key, or roll back with DELETE. */
    FAILED,
    /** A process is rolling it back; from here on only DELETE is accepted. */
    ROLLING_BACK,
    /** A rollback stopped (a compensation failed or its process died): DELETE again; resuming is refused. */
    ROLLBACK_FAILED,
    /** Everything it created is gone (or the tenant was offboarded). */
    ROLLED_BACK;

    /** Whether a rollback has begun, after which forward steps never run again. */
    public boolean inRollback() {
        return this == ROLLING_BACK || this == ROLLBACK_FAILED || this == ROLLED_BACK;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OnboardingStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
