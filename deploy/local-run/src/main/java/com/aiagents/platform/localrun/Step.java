package com.aiagents.platform.localrun;

/** One thing the launcher did, skipped or failed, with the reason. */
public record Step(String name, Status status, String detail) {
    /** What became of a step. */
    public enum Status { OK, SKIPPED, FAILED }

    static Step ok(String name, String detail) {
        return new Step(name, Status.OK, detail);
    }

    static Step skipped(String name, String why) {
        return new Step(name, Status.SKIPPED, why);
    }

    static Step failed(String name, String why) {
        return new Step(name, Status.FAILED, why);
    }
}
