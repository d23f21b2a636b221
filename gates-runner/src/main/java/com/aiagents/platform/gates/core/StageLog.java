package com.aiagents.platform.gates.core;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stages of one gate with their timings, for the gate's details: each stage is
 * {@code passed}, {@code failed} (with the reason), {@code skipped} (an earlier stage failed) or
 * {@code warning} (cleanup that did not work out but proves nothing about the tenant).
 */
final class StageLog {
    private final Clock clock;
    private final List<Map<String, Object>> stages = new ArrayList<>();
    private String failedStage;
    private String failure;

    StageLog(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    void passed(String stage, Instant started, String detail) {
        add(stage, "passed", started, detail);
    }

    void failed(String stage, Instant started, String reason) {
        if (failedStage == null) {
            failedStage = stage;
            failure = reason;
        }
        add(stage, "failed", started, reason);
    }

    void warning(String stage, Instant started, String reason) {
        add(stage, "warning", started, reason);
    }

    void skipped(String... names) {
        for (String stage : names) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", stage);
            entry.put("status", "skipped");
            stages.add(entry);
        }
    }

    boolean failed() {
        return failedStage != null;
    }

    String failedStage() {
        return failedStage;
    }

    String failure() {
        return failure;
    }

    List<Map<String, Object>> stages() {
        return List.copyOf(stages);
    }

    private void add(String stage, String status, Instant started, String detail) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", stage);
        entry.put("status", status);
        entry.put("duration_ms", Math.max(0, clock.millis() - started.toEpochMilli()));
        if (detail != null) {
            entry.put("detail", detail);
        }
        stages.add(entry);
    }
}
