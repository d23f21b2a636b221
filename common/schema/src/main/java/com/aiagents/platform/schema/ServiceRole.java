package com.aiagents.platform.schema;

/**
 * The four services that reach the database, each through its own login role. The environment
 * variables name the role {@code db migrate} creates and grants; at run time each service connects
 * with {@code DATABASE_USER}/{@code DATABASE_PASSWORD} set to its own role. webhook-gateway has no
 * database access and so no entry here.
 */
public enum ServiceRole {
    TENANT_SERVICE("tenant-service", "TENANT_SERVICE_DATABASE_USER", "aiagents_tenant_service"),
    ENHANCEMENT_WORKER("enhancement-worker", "ENHANCEMENT_WORKER_DATABASE_USER", "aiagents_enhancement_worker"),
    GATES_RUNNER("gates-runner", "GATES_RUNNER_DATABASE_USER", "aiagents_gates_runner"),
    PROVISIONING_SERVICE("provisioning-service", "PROVISIONING_SERVICE_DATABASE_USER", "aiagents_provisioning_service");

    private final String service;
    private final String userVariable;
    private final String defaultRole;

    ServiceRole(String service, String userVariable, String defaultRole) {
        this.service = service;
        this.userVariable = userVariable;
        this.defaultRole = defaultRole;
    }

    /** The module name, also the key of its row in {@code platform_roles}. */
    public String service() {
        return service;
    }

    /** e.g. {@code GATES_RUNNER_DATABASE_USER}. */
    public String userVariable() {
        return userVariable;
    }

    /** e.g. {@code GATES_RUNNER_DATABASE_PASSWORD}. */
    public String passwordVariable() {
        return userVariable.replace("_USER", "_PASSWORD");
    }

    /** The role name a local run uses when the variable is not set. */
    public String defaultRole() {
        return defaultRole;
    }
}
