package com.aiagents.platform.localrun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A local run of the whole platform: PostgreSQL and Redis (embedded unless given), migrations,
 * the SDP simulator and the five services as child processes, and the demo. {@link #start}
 * returns once everything is up (or has been reported as skipped or failed); {@link #stop}
 * stops the children and the embedded servers, and returns when they have exited.
 */
public final class LocalPlatform implements AutoCloseable {
    private static final long MIGRATION_SECONDS = 180;
    /** Optional settings handed to the services only when the run's environment has them. */
    private static final List<String> PASSED_THROUGH = List.of("LLM_BASE_URL", "LLM_API_KEY",
            "TENANT_ENCRYPTION_KEY_VERSION", "TENANT_ENCRYPTION_PREVIOUS_KEYS", "PLATFORM_OPERATOR_TOKEN",
            "PLATFORM_VIEWER_TOKEN", "OTEL_ENABLED", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SAMPLING_RATIO");
    /** Settings a child must not inherit from the launcher's own process: the run decides them. */
    private static final List<String> NOT_INHERITED = notInherited();

    private final LocalRunOptions options;
    private final Steps steps;
    private final Console console;
    private final Infrastructure infrastructure = new Infrastructure();
    private final Map<String, ChildProcess> running = new LinkedHashMap<>();
    private final List<ChildProcess> everStarted = new ArrayList<>();
    private final HttpJson http = new HttpJson();
    private PlatformSecrets secrets;
    private DemoResult demo;
    private List<DemoPeople.Account> people = List.of();
    private String consoleSignInLink;
    private boolean stopped;

    private LocalPlatform(LocalRunOptions options, Console console) {
        this.options = options;
        this.console = console;
        this.steps = new Steps(console);
    }

    /** Starts everything that has been built; on an unexpected error, stops what was started and rethrows. */
    public static LocalPlatform start(LocalRunOptions options, Console console) throws Exception {
        LocalPlatform platform = create(options, console);
        platform.launch();
        return platform;
    }

    /** A platform not started yet, so that a shutdown hook can hold it before {@link #launch()}. */
    public static LocalPlatform create(LocalRunOptions options, Console console) {
        return new LocalPlatform(options, console);
    }

    /** Starts everything; on an unexpected error, stops what was started and rethrows. */
    public void launch() throws Exception {
        try {
            run();
        } catch (Exception | Error e) {
            stop();
            throw e;
        }
    }

    private void run() throws Exception {
        Instant began = Instant.now();
        Files.createDirectories(options.workDir().resolve("logs"));
        Files.createDirectories(options.workDir().resolve("tmp"));
        console.section("Infrastructure");
        infrastructure.startPostgres(options);
        steps.ok("PostgreSQL", infrastructure.postgresDescription());
        infrastructure.startRedis(options);
        steps.ok("Redis", infrastructure.redisDescription());
        secrets = PlatformSecrets.from(options);
        steps.ok("secrets", secrets.generatedNames().isEmpty() ? "all taken from the environment"
                : "generated for this run: " + String.join(", ", secrets.generatedNames()));

        Map<String, ServiceSpec.Availability> built = new LinkedHashMap<>();
        for (ServiceSpec spec : ServiceCatalog.ALL) {
            built.put(spec.name(), spec.availability(options.root()));
        }
        Map<String, String> environment = childEnvironment();

        console.section("Schema");
        ServiceSpec.Availability tenantService = built.get(ServiceCatalog.TENANT_SERVICE);
        Map<String, String> migrationEnvironment = new LinkedHashMap<>(environment);
        migrationEnvironment.putAll(infrastructure.databaseEnvironment(ServiceCatalog.TENANT_SERVICE));
        migrationEnvironment.putAll(infrastructure.migrationEnvironment());
        boolean migrated = tenantService.ready() && migrate(tenantService.jar(), migrationEnvironment);
        if (!tenantService.ready()) {
            steps.failed("migrations", "tenant-service is not built: " + tenantService.reason());
        }

        console.section("Services");
        Set<String> excused = absent(built, migrated);
        int waves = ServiceCatalog.ALL.stream().mapToInt(ServiceSpec::wave).max().orElse(0);
        for (int wave = 1; wave <= waves; wave++) {
            Map<ServiceSpec, ChildProcess> started = new LinkedHashMap<>();
            for (ServiceSpec spec : ServiceCatalog.ALL) {
                if (spec.wave() != wave) {
                    continue;
                }
                ServiceSpec.Availability availability = built.get(spec.name());
                if (!availability.ready()) {
                    steps.skipped(spec.name(), availability.reason());
                } else if (!migrated) {
                    steps.skipped(spec.name(), "the schema was not migrated");
                } else {
                    // each service gets only its own database role (none for the gateway)
                    Map<String, String> own = new LinkedHashMap<>(environment);
                    own.putAll(infrastructure.databaseEnvironment(spec.name()));
                    started.put(spec, startService(spec, availability.jar(), own));
                }
            }
            awaitHealthy(started, excused);
        }

        if (options.demo()) {
            console.section("Demo: tenant acme-corp, one ticket enhanced");
            demo = new DemoScenario(this, steps, http).run();
            people = new DemoPeople(this, steps, http).create(demo.tenantId(), demo.tenantStatus());
        } else {
            steps.skipped("demo", "turned off (--no-demo)");
        }
        printSummary(Duration.between(began, Instant.now()));
    }

    /** The services of the catalog this run does not start. */
    private static Set<String> absent(Map<String, ServiceSpec.Availability> built, boolean migrated) {
        Set<String> absent = new HashSet<>();
        built.forEach((name, availability) -> {
            if (!availability.ready() || !migrated) {
                absent.add(name);
            }
        });
        return absent;
    }

    private Map<String, String> childEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(infrastructure.environment());
        env.remove("DATABASE_URL");
        env.putAll(secrets.environment());
        for (ServiceSpec spec : ServiceCatalog.ALL) {
            PortPlan.Ports ports = options.ports().of(spec.name());
            env.put(spec.urlVariable(), "http://127.0.0.1:" + ports.app());
            env.put(spec.envPrefix() + "_PORT", Integer.toString(ports.app()));
            env.put(spec.envPrefix() + "_ADMIN_PORT", Integer.toString(ports.admin()));
            // peers' health checks (e.g. the worker's TENANT_SERVICE_HEALTH_URL, a peer's readiness) must follow the planned ports
            env.put(spec.envPrefix() + "_HEALTH_URL", "http://127.0.0.1:" + ports.admin() + "/health-check");
        }
        env.put("BIND_HOST", "127.0.0.1");
        env.put("KUBERNETES_MODE", "manifests");
        env.put("KUBERNETES_MANIFESTS_DIR", manifestsDir().toString());
        // the demo tenant's SDP is the simulator at http://127.0.0.1
        env.put("SDP_ALLOW_PRIVATE_NETWORKS", "true");
        // the console is reached over plain http on 127.0.0.1: no Secure cookie
        env.put("CONSOLE_SECURE_COOKIES", "false");
        // the notes' feedback links lead to this run's gateway
        env.put("FEEDBACK_BASE_URL", "http://127.0.0.1:" + options.ports().of("webhook-gateway").app());
        for (String passThrough : PASSED_THROUGH) {
            String value = options.env(passThrough);
            if (value != null) {
                env.put(passThrough, value);
            }
        }
        return env;
    }

    private boolean migrate(Path jar, Map<String, String> environment) throws IOException, InterruptedException {
        ChildProcess migration = track(ChildProcess.start("tenant-service-migrate", options.root(),
                ChildProcess.javaCommand(jvmArgs(), jar, "db", "migrate", "tenant-service/config.yml"),
                environment, inheritedBlocked(), logFile("tenant-service-migrate")));
        int exit = migration.waitFor(MIGRATION_SECONDS);
        if (exit == 0) {
            steps.ok("migrations", "tenant-service db migrate (log " + relative(migration.log()) + ")");
            return true;
        }
        migration.stop();
        steps.failed("migrations", (exit < 0 ? "did not finish in " + MIGRATION_SECONDS + " s" : "exit code " + exit)
                + "; last lines of " + relative(migration.log()) + ":\n" + migration.logTail(15));
        return false;
    }

    private ChildProcess startService(ServiceSpec spec, Path jar, Map<String, String> environment) throws IOException {
        PortPlan.Ports ports = options.ports().of(spec.name());
        List<String> jvm = new ArrayList<>(jvmArgs());
        // Dropwizard's own overrides: every config.yml gets the planned ports, whatever variables it reads.
        jvm.add("-Ddw.server.applicationConnectors[0].port=" + ports.app());
        jvm.add("-Ddw.server.applicationConnectors[0].bindHost=127.0.0.1");
        jvm.add("-Ddw.server.adminConnectors[0].port=" + ports.admin());
        jvm.add("-Ddw.server.adminConnectors[0].bindHost=127.0.0.1");
        String config = options.root().relativize(spec.config(options.root())).toString();
        ChildProcess child = track(ChildProcess.start(spec.name(), options.root(),
                ChildProcess.javaCommand(jvm, jar, "server", config), environment, inheritedBlocked(),
                logFile(spec.name())));
        console.progress("starting " + spec.name() + " (pid " + child.pid() + ", ports " + ports.app() + "/"
                + ports.admin() + ")");
        return child;
    }

    /**
     * Waits until every started service answers its health check. A check that fails only because a
     * peer is not part of this run (not built yet), or is itself degraded that way, does not hold the
     * service back: it is reported as degraded, with the peers named, and excuses its own dependants.
     */
    private void awaitHealthy(Map<ServiceSpec, ChildProcess> started, Set<String> excused) throws InterruptedException {
        ServiceHealth health = new ServiceHealth(http);
        Map<ServiceSpec, ChildProcess> pending = new LinkedHashMap<>(started);
        Map<ServiceSpec, ServiceHealth.Report> last = new LinkedHashMap<>();
        Instant deadline = Instant.now().plus(options.startTimeout());
        while (!pending.isEmpty()) {
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                ServiceSpec spec = entry.getKey();
                ChildProcess child = entry.getValue();
                if (!child.isAlive()) {
                    it.remove();
                    steps.failed(spec.name(), "exited during start-up; last lines of " + relative(child.log()) + ":\n"
                            + child.logTail(15));
                    continue;
                }
                ServiceHealth.Report report = health.check(adminUrl(spec.name()));
                last.put(spec, report);
                if (report.healthy() || report.healthyExcept(excused)) {
                    it.remove();
                    running.put(spec.name(), child);
                    String degraded = "";
                    if (!report.healthy()) {
                        excused.add(spec.name());
                        degraded = "; degraded: its checks of " + String.join(", ", report.failing().keySet())
                                + " fail because those services are not part of this run (or depend on one that is not)";
                    }
                    steps.ok(spec.name(), "healthy at " + url(spec.name()).orElseThrow() + " (admin "
                            + adminUrl(spec.name()) + ")" + degraded);
                }
            }
            if (!pending.isEmpty() && Instant.now().isAfter(deadline)) {
                for (var entry : pending.entrySet()) {
                    entry.getValue().stop();
                    steps.failed(entry.getKey().name(), "not healthy after " + options.startTimeout().toSeconds()
                            + " s (" + last.get(entry.getKey()).describe() + "); see " + relative(entry.getValue().log()));
                }
                return;
            }
            if (!pending.isEmpty()) {
                Thread.sleep(250);
            }
        }
    }

    /**
     * {@code Console: <url>/sign-in/link?code=...}: signs the demo's MSP admin in to the operator
     * console with one click, once, within tenant-service's auth.signInLinkTtl (2 minutes); asked for
     * here, as the summary is printed, so the time starts now. Afterwards: the password printed below.
     */
    private void printConsoleSignInLink() {
        if (!running.containsKey(ServiceCatalog.OPERATOR_CONSOLE)
                || people.stream().noneMatch(p -> p.email().equals(DemoPeople.MSP_ADMIN_EMAIL))) {
            return;
        }
        new DemoPeople(this, steps, http).signInCode(DemoPeople.MSP_ADMIN_EMAIL).ifPresent(code -> {
            consoleSignInLink = url(ServiceCatalog.OPERATOR_CONSOLE).orElseThrow() + "/sign-in/link?code=" + code;
            console.line("");
            console.line("  Console: " + consoleSignInLink);
            console.line("    (signs " + DemoPeople.MSP_ADMIN_EMAIL + " in; valid 2 minutes, once; later sign in with the password below)");
            console.line("");
        });
    }

    private void printSummary(Duration took) {
        console.section("Ready in " + took.toSeconds() + " s");
        for (ServiceSpec spec : ServiceCatalog.ALL) {
            if (running.containsKey(spec.name())) {
                console.line(String.format("  %-21s %-28s admin %s (/healthcheck, /metrics)", spec.name(),
                        url(spec.name()).orElseThrow(), adminUrl(spec.name())));
            } else {
                console.line(String.format("  %-21s not running", spec.name()));
            }
        }
        printConsoleSignInLink();
        if (infrastructure.psqlCommand() != null) {
            console.line("  PostgreSQL            " + infrastructure.psqlCommand());
        }
        if (infrastructure.redisCliCommand() != null) {
            console.line("  Redis                 " + infrastructure.redisCliCommand());
        }
        console.line("  logs                  " + relative(options.workDir().resolve("logs")));
        console.line("  Kubernetes manifests  " + relative(manifestsDir()));
        console.line("");
        console.line("  operator token (admin role; generated for this local run only, never use it elsewhere):");
        console.line("    export PLATFORM_ADMIN_TOKEN=" + secrets.adminToken());
        running.keySet().stream().filter(ServiceCatalog.TENANT_SERVICE::equals).findFirst().ifPresent(name ->
                console.line("    curl -s -H \"Authorization: Bearer $PLATFORM_ADMIN_TOKEN\" " + url(name).orElseThrow()
                        + "/v1/tenants"));
        if (!people.isEmpty()) {
            console.line("");
            console.line("  demo sign-ins (passwords generated for this local run only; POST /v1/auth/login gives an access token):");
            for (DemoPeople.Account person : people) {
                console.line(String.format("    %-26s %s  password %s", person.label() + " (" + person.role() + ")",
                        person.email(), person.password()));
                console.line("      " + DemoPeople.loginCommand(url(ServiceCatalog.TENANT_SERVICE).orElseThrow(), person));
            }
        }
        long skipped = steps.all().stream().filter(s -> s.status() != Step.Status.OK).count();
        if (skipped > 0) {
            console.line("");
            console.line("  " + skipped + " step(s) skipped or failed:");
            steps.all().stream().filter(s -> s.status() != Step.Status.OK).forEach(s ->
                    console.line("    - " + s.name() + " (" + s.status().name().toLowerCase(java.util.Locale.ROOT)
                            + "): " + s.detail().lines().findFirst().orElse("")));
        }
        console.line("");
        console.line("  Ctrl-C stops everything.");
    }

    /** Keeps a started child for {@link #stop()}; one started while stopping is stopped at once. */
    private synchronized ChildProcess track(ChildProcess child) {
        if (stopped) {
            child.stop();
            throw new IllegalStateException("stopping: not starting " + child.name());
        }
        everStarted.add(child);
        return child;
    }

    /** Stops every child process, then the embedded servers; safe to call twice. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        List<ChildProcess> children = new ArrayList<>(everStarted);
        java.util.Collections.reverse(children);
        for (ChildProcess child : children) {
            boolean wasAlive = child.isAlive();
            child.stop();
            if (wasAlive) {
                console.progress("stopped " + child.name());
            } else if (running.containsKey(child.name())) {
                console.progress(child.name() + " had already stopped (it got the Ctrl-C too)");
            }
        }
        running.clear();
        infrastructure.close();
        console.progress("stopped PostgreSQL and Redis (embedded ones only)");
    }

    @Override
    public void close() {
        stop();
    }

    // ---- what the demo and the tests read

    public LocalRunOptions options() {
        return options;
    }

    public List<Step> steps() {
        return steps.all();
    }

    public boolean isRunning(String service) {
        return running.containsKey(service);
    }

    /** Every process this run started (also the finished migration), for checks after stop. */
    public List<ProcessHandle> processHandles() {
        return everStarted.stream().map(ChildProcess::handle).toList();
    }

    /** Every port this run listened on: all planned service ports and the embedded servers'. */
    public List<Integer> ports() {
        List<Integer> ports = new ArrayList<>(options.ports().servicePorts());
        if (infrastructure.embeddedPostgresPort() > 0) {
            ports.add(infrastructure.embeddedPostgresPort());
        }
        if (infrastructure.embeddedRedisPort() > 0) {
            ports.add(infrastructure.embeddedRedisPort());
        }
        return ports;
    }

    public Optional<String> url(String service) {
        return running.containsKey(service)
                ? Optional.of("http://127.0.0.1:" + options.ports().of(service).app()) : Optional.empty();
    }

    public String adminUrl(String service) {
        return "http://127.0.0.1:" + options.ports().of(service).admin();
    }

    public String adminToken() {
        return secrets.adminToken();
    }

    public Optional<DemoResult> demo() {
        return Optional.ofNullable(demo);
    }

    /** The one-time console sign-in link the summary printed for the demo's MSP admin, if any. */
    public Optional<String> consoleSignInLink() {
        return Optional.ofNullable(consoleSignInLink);
    }

    /** The demo's people created in tenant-service, with this run's passwords (empty without the demo). */
    public List<DemoPeople.Account> demoPeople() {
        return people;
    }

    /**
     * The worker's connection settings (DATABASE_URL, _USER, _PASSWORD): the demo seeds the worker's
     * tables (ticket history, KB, inventory) as the worker's own role, under the tenant's context.
     */
    Map<String, String> databaseEnvironment() {
        return infrastructure.databaseEnvironment(ServiceCatalog.ENHANCEMENT_WORKER);
    }

    private static List<String> notInherited() {
        List<String> names = new ArrayList<>(List.of("DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD",
                "DATABASE_MIGRATION_USER", "DATABASE_MIGRATION_PASSWORD", "REDIS_URL", "TENANT_ENCRYPTION_KEY",
                "PLATFORM_ADMIN_TOKEN", "PLATFORM_ADMIN_TOKEN_SHA256", "KUBERNETES_MODE", "KUBERNETES_MANIFESTS_DIR",
                "SDP_ALLOW_PRIVATE_NETWORKS"));
        names.addAll(PlatformSecrets.SERVICE_TOKENS);
        names.addAll(Infrastructure.serviceRoleVariables());
        return List.copyOf(names);
    }

    Path manifestsDir() {
        return options.workDir().resolve("manifests");
    }

    /** Everything the run decides, plus the optional settings the run's environment does not have. */
    private List<String> inheritedBlocked() {
        List<String> names = new ArrayList<>(NOT_INHERITED);
        PASSED_THROUGH.stream().filter(name -> options.env(name) == null).forEach(names::add);
        return names;
    }

    private List<String> jvmArgs() {
        List<String> args = new ArrayList<>(options.childJvmArgs());
        args.add("-Djava.io.tmpdir=" + options.workDir().resolve("tmp"));
        return args;
    }

    private Path logFile(String name) {
        return options.workDir().resolve("logs").resolve(name + ".log");
    }

    private String relative(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path root = options.root().toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }
}
