package com.aiagents.platform.provisioning.core;

import java.util.List;

/**
 * The saga's steps in order, then its compensations. Every step is safe to run again: creating
 * is idempotent on the onboarding id (tenant-service returns the tenant an earlier attempt
 * created), status changes are no-ops when already there, Kubernetes apply converges, the import
 * resumes, gates are re-runnable; compensations tolerate "already gone". The enum's order is the
 * stored {@code ordinal}.
 */
public enum Step {
    CREATE_TENANT("create_tenant"),
    MARK_CONFIGURED("mark_configured"),
    PROVISION_KUBERNETES("provision_kubernetes"),
    /** The tenant's resolved SDP requests into ticket_history, before the gates prove on them. */
    IMPORT_TICKET_HISTORY("import_ticket_history"),
    RUN_GATES("run_gates"),
    ACTIVATE("activate"),
    DELETE_KUBERNETES("delete_kubernetes"),
    REMOVE_TENANT("remove_tenant");

    public static final List<Step> FORWARD = List.of(CREATE_TENANT, MARK_CONFIGURED, PROVISION_KUBERNETES,
            IMPORT_TICKET_HISTORY, RUN_GATES, ACTIVATE);
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
