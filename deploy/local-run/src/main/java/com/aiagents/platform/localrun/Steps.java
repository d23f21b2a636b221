package com.aiagents.platform.localrun;

import java.util.ArrayList;
import java.util.List;

/** Records each step and prints it as it happens. */
final class Steps {
    private final Console console;
    private final List<Step> steps = new ArrayList<>();

    Steps(Console console) {
        this.console = console;
    }

    Console console() {
        return console;
    }

    synchronized void ok(String name, String detail) {
        steps.add(Step.ok(name, detail));
        console.ok(detail == null || detail.isEmpty() ? name : name + ": " + detail);
    }

    synchronized void skipped(String name, String why) {
        steps.add(Step.skipped(name, why));
        console.skipped(name, why);
    }

    synchronized void failed(String name, String why) {
        steps.add(Step.failed(name, why));
        console.failed(name, why);
    }

    synchronized List<Step> all() {
        return List.copyOf(steps);
    }
}
