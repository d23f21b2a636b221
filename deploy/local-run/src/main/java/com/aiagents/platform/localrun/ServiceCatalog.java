package com.aiagents.platform.localrun;

import java.util.List;
import java.util.Optional;

/**
 * The processes of a local run, in start order. Adding a service is one line here; the launcher
 * starts whatever of this list has been built and says which ones it skipped and why.
 */
public final class ServiceCatalog {
    public static final String TENANT_SERVICE = "tenant-service";
    public static final String WEBHOOK_GATEWAY = "webhook-gateway";
    public static final String ENHANCEMENT_WORKER = "enhancement-worker";
    public static final String PROVISIONING_SERVICE = "provisioning-service";
    public static final String GATES_RUNNER = "gates-runner";
    public static final String OPERATOR_CONSOLE = "operator-console";
    public static final String SDP_SIMULATOR = "sdp-simulator";

    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec(SDP_SIMULATOR, "deploy/sdp-simulator", 8090, 9090, "SDP_SIMULATOR_URL", 1),
            new ServiceSpec(TENANT_SERVICE, "tenant-service", 8081, 9081, "TENANT_SERVICE_URL", 1),
            new ServiceSpec(WEBHOOK_GATEWAY, "webhook-gateway", 8080, 9080, "WEBHOOK_GATEWAY_URL", 2),
            new ServiceSpec(ENHANCEMENT_WORKER, "enhancement-worker", 8082, 9082, "ENHANCEMENT_WORKER_URL", 2),
            new ServiceSpec(PROVISIONING_SERVICE, "provisioning-service", 8083, 9083, "PROVISIONING_SERVICE_URL", 2),
            new ServiceSpec(GATES_RUNNER, "gates-runner", 8084, 9084, "GATES_RUNNER_URL", 2),
            // the web console (docs/console.md): after the services it calls
            new ServiceSpec(OPERATOR_CONSOLE, "operator-console", 8085, 9085, "OPERATOR_CONSOLE_URL", 3));

    private ServiceCatalog() {
    }

    public static Optional<ServiceSpec> byName(String name) {
        return ALL.stream().filter(spec -> spec.name().equals(name)).findFirst();
    }
}
