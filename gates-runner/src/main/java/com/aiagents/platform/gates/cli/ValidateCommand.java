package com.aiagents.platform.gates.cli;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.audit.AuditEntry;
import com.aiagents.platform.common.audit.AuditTrail;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.common.tracing.PlatformTracing;
import com.aiagents.platform.gates.GatesRunnerConfiguration;
import com.aiagents.platform.gates.api.GateRunView;
import com.aiagents.platform.gates.core.GateFailures;
import com.aiagents.platform.gates.core.GateRun;
import com.aiagents.platform.gates.core.GateRunAudit;
import com.aiagents.platform.gates.core.GateRunner;
import com.aiagents.platform.gates.core.GatesWiring;
import com.aiagents.platform.gates.core.PeerCallException;
import com.aiagents.platform.gates.core.ValidationReport;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.prometheus.client.CollectorRegistry;
import java.io.PrintStream;
import java.util.List;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.MutuallyExclusiveGroup;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * {@code java -jar gates-runner.jar validate --tenant acme-corp --all-gates config.yml} (or
 * {@code --gate N}, {@code --json}): runs the gates, records the run in {@code gate_runs} like the
 * API does, prints the report of docs/gates.md (or the run as JSON) and exits non-zero unless
 * every gate run passed, which for {@code --all-gates} means 4/4.
 *
 * <p>The report is the command's output, so it is printed, not logged: to the {@link PrintStream}
 * given at construction, which is {@code System.out} when run from the jar (logging goes to stderr
 * in config.yml, so stdout carries the report alone) and a captured stream in tests. This is the
 * only place in the module that prints.
 */
public final class ValidateCommand extends ConfiguredCommand<GatesRunnerConfiguration> {
    private final PrintStream out;

    /** Prints to {@code System.out}: the report is this command's output. */
    public ValidateCommand() {
        this(System.out);
    }

    public ValidateCommand(PrintStream out) {
        super("validate", "Runs the onboarding gates for a tenant and prints the report");
        this.out = out;
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--tenant").dest("tenant").required(true).help("the tenant id, e.g. acme-corp");
        MutuallyExclusiveGroup which = subparser.addMutuallyExclusiveGroup("gates").required(true);
        which.addArgument("--all-gates").dest("all_gates").action(Arguments.storeTrue()).help("run gates 1 to 4");
        which.addArgument("--gate").dest("gate").type(Integer.class).choices(1, 2, 3, 4).help("run one gate");
        subparser.addArgument("--json").dest("json").action(Arguments.storeTrue())
                .help("print the run as JSON instead of the report");
    }

    @Override
    protected void run(Bootstrap<GatesRunnerConfiguration> bootstrap, Namespace namespace,
                       GatesRunnerConfiguration configuration) throws Exception {
        String problem = TenantId.problemWith(namespace.getString("tenant"));
        if (problem != null) {
            throw new ValidationFailed(problem);
        }
        TenantId tenant = TenantId.of(namespace.getString("tenant"));
        Environment environment = new Environment(bootstrap.getApplication().getName(), bootstrap.getObjectMapper(),
                bootstrap.getValidatorFactory(), bootstrap.getMetricRegistry(), bootstrap.getClassLoader(),
                bootstrap.getHealthCheckRegistry(), configuration);
        GateRun run;
        AuditTrail audit = new AuditTrail(configuration.getServices().getTenantServiceUrl(),
                configuration.getServices().getServiceToken(), configuration.getServices().getTlsCaFile(),
                chain -> chain.proceed(chain.request()), new CollectorRegistry());
        AuditEntry requested = null;
        // Not traced: a one-shot command has no server lifecycle to flush an exporter on stop.
        try (GatesWiring gates = GatesWiring.build(configuration, environment, new CollectorRegistry(),
                PlatformTracing.disabled())) {
            List<Integer> numbers = namespace.getBoolean("all_gates") ? gates.runner().allGates()
                    : List.of(namespace.getInt("gate"));
            // the command records the run in gate_runs like the API does, so it is audited like it:
            // refused when the entry cannot be written; the person is the account that ran it
            requested = GateRunAudit.requested(tenant, numbers).with("via", "validate command")
                    .with("os_user", System.getProperty("user.name"));
            audit.record(requested);
            run = gates.runner().run(tenant, numbers);
        } catch (ApiException e) {
            audit.close();
            throw new ValidationFailed(e.getMessage());
        } catch (GateRunner.TenantNotFound | GateRunner.RunInProgress | GateRunner.TenantSuspended e) {
            throw new ValidationFailed(e.getMessage());
        } catch (PeerCallException e) {
            throw new ValidationFailed("cannot read the tenant's configuration: " + GateFailures.describe(e));
        } finally {
            for (LifeCycle managed : environment.lifecycle().getManagedObjects()) {
                managed.stop();
            }
        }
        try (audit) {
            audit.record(GateRunAudit.finished(requested, run));
        } catch (ApiException e) {
            // the run is recorded and its report printed below; say plainly that its result is not audited
            System.err.println("warning: " + e.getMessage());
        }
        if (namespace.getBoolean("json")) {
            out.println(bootstrap.getObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(GateRunView.of(run)));
        } else {
            out.print(ValidationReport.render(run));
        }
        out.flush();
        if (!run.passed()) {
            throw new ValidationFailed(run.passedCount() + "/" + run.results().size() + " gates passed");
        }
    }

    /** Only the reason, on stderr: the report already said what failed. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof ValidationFailed) {
            cli.getStdErr().println("validation failed: " + e.getMessage());
        } else if (e instanceof io.dropwizard.configuration.ConfigurationException) {
            // names the file and the offending keys, as Dropwizard's own commands show it
            cli.getStdErr().println("validation could not run: " + e.getMessage());
        } else {
            cli.getStdErr().println("validation could not run: " + GateFailures.describe(e));
        }
        cli.getStdErr().flush();
    }

    /** The run did not pass (or could not start); makes the command exit non-zero. */
    static final class ValidationFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ValidationFailed(String message) {
            super(message, null, false, false);
        }
    }
}
