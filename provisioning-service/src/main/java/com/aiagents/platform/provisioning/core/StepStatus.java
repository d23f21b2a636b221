package com.aiagents.platform.provisioning.core;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** One step's state. */
public enum StepStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StepStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
