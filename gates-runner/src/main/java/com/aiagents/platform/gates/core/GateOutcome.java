package com.aiagents.platform.gates.core;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a gate found: pass or fail, the one-line reason printed in the report, and details. */
public record GateOutcome(boolean passed, String summary, Map<String, Object> details) {
    public GateOutcome {
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static GateOutcome pass(String summary, Map<String, Object> details) {
        return new GateOutcome(true, summary, details);
    }

    public static GateOutcome fail(String summary, Map<String, Object> details) {
        return new GateOutcome(false, summary, details);
    }
}
