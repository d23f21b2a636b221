package com.aiagents.platform.localrun;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar deploy/local-run/target/local-run-<version>.jar [options]} from the repository
 * root (what {@code ./run-local.sh} runs). Runs until Ctrl-C, then stops everything it started.
 */
public final class LocalRunMain {
    private static final String USAGE = """
            usage: ./run-local.sh [--port-offset N | --free-ports] [--postgres-port N] [--redis-port N] [--no-demo]
                                  [--tickets N] [--work-dir DIR] [--root DIR]
              --port-offset N  add N to every documented port (8080-8090/9080-9090), to run beside another copy
              --free-ports     any free ports (printed at the end)
              --postgres-port N, --redis-port N  ports of the embedded servers (default: any free port)
              --no-demo        start the platform only: no demo tenant, no ticket
              --tickets N      resolved tickets to seed into the demo tenant's history (default 300)
              --work-dir DIR   logs, manifests and temporary files (default ./local-run)
            Environment: DATABASE_URL (+ DATABASE_MIGRATION_USER / _PASSWORD and each service's role,
              TENANT_SERVICE_DATABASE_USER / _PASSWORD, ENHANCEMENT_WORKER_..., GATES_RUNNER_...,
              PROVISIONING_SERVICE_...) and REDIS_URL use those servers instead of embedded ones;
              TENANT_ENCRYPTION_KEY, PLATFORM_ADMIN_TOKEN and the services' own tokens (GATEWAY_, WORKER_,
              GATES_, PROVISIONING_SERVICE_TOKEN) are generated unless set;
              LLM_BASE_URL / LLM_API_KEY and OTEL_ENABLED / OTEL_EXPORTER_OTLP_ENDPOINT are passed to the services.""";

    private LocalRunMain() {
    }

    public static void main(String[] args) throws Exception {
        Console console = Console.stdout();
        LocalRunOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            console.line(e.getMessage());
            console.line(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            console.line(USAGE);
            return;
        }
        LocalPlatform platform = LocalPlatform.create(options, console);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.section("Stopping");
            platform.stop();
            console.line("  stopped; all ports are free again");
            stopped.countDown();
        }, "local-run-stop"));
        platform.launch();
        stopped.await();
    }

    /** The options of a command line; null for --help. */
    static LocalRunOptions parse(String[] args) {
        Path root = Path.of("").toAbsolutePath();
        Path workDir = null;
        PortPlan ports = PortPlan.defaults();
        boolean demo = true;
        Integer tickets = null;
        int postgresPort = 0;
        int redisPort = 0;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            switch (arg) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--no-demo" -> demo = false;
                case "--free-ports" -> ports = PortPlan.free();
                case "--port-offset" -> ports = PortPlan.offset(number(arg, rest));
                case "--tickets" -> tickets = number(arg, rest);
                case "--postgres-port" -> postgresPort = number(arg, rest);
                case "--redis-port" -> redisPort = number(arg, rest);
                case "--work-dir" -> workDir = Path.of(value(arg, rest)).toAbsolutePath();
                case "--root" -> root = Path.of(value(arg, rest)).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        LocalRunOptions options = LocalRunOptions.defaults(root)
                .withPorts(ports.withInfrastructure(postgresPort, redisPort)).withDemo(demo);
        if (workDir != null) {
            options = options.withWorkDir(workDir);
        }
        if (tickets != null) {
            options = new LocalRunOptions(options.root(), options.workDir(), options.ports(), options.environment(),
                    options.demo(), tickets, options.startTimeout(), options.noteTimeout(), options.childJvmArgs());
        }
        return options;
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }

    private static int number(String option, List<String> rest) {
        String value = value(option, rest);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not " + value);
        }
    }
}
