package com.aiagents.platform.provisioning.core;

import java.time.Instant;

/** One step of one onboarding as stored: never a secret in {@code error} or {@code detail}. */
public record StepRecord(Step step, StepStatus status, int attempts, Instant startedAt, Long durationMs,
                         String error, String detail) {

    public boolean succeeded() {
        return status == StepStatus.SUCCEEDED;
    }
}
