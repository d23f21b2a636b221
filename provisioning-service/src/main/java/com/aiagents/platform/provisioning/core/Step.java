package com.aiagents.platform.provisioning.core;

import java.util.List;

/**
 * The saga's steps in order, then its compensations. Every step is safe to run again: creating
 * is create-if-absent (adopting the tenant a lost answer created), status changes are no-ops when
 * already there, Kubernetes apply converges, gates are re-runnable; compensations tolerate
 * "already gone".
 */
public enum Step {
    CREATE_TENANT("create_tenant"),
    MARK_CONFIGURED("mark_configured"),
    PROVISION_KUBERNETES("provision_kubernetes"),
    RUN_GATES("run_gates"),
    ACTIVATE("activate"),
    /** Best effort: a failure is shown but does not fail the onboarding. */
    START_TICKET_HISTORY_IMPORT("start_ticket_history_import"),
    DELETE_KUBERNETES("delete_kubernetes"),
    REMOVE_TENANT("remove_tenant");

    public static final List<Step> FORWARD = List.of(CREATE_TENANT, MARK_CONFIGURED, PROVISION_KUBERNETES,
            RUN_GATES, ACTIVATE, START_TICKET_HISTORY_IMPORT);
    /** Reverse order of what they undo: Kubernetes objects first, then the tenant record and its data. */
    public static final List<Step> COMPENSATIONS = List.of(DELETE_KUBERNETES, REMOVE_TENANT);

    private final String wireName;

    Step(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isCompensation() {
        return COMPENSATIONS.contains(this);
    }

    public static Step fromWire(String value) {
        for (Step step : values()) {
            if (step.wireName.equals(value)) {
                return step;
            }
        }
        throw new IllegalArgumentException("unknown step " + value);
    }
}
