package com.aiagents.platform.tenant.cli;

import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Role;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.tenant.TenantServiceApplication;
import com.aiagents.platform.tenant.TenantServiceConfiguration;
import com.aiagents.platform.tenant.core.Passwords;
import com.aiagents.platform.tenant.core.Users;
import com.aiagents.platform.tenant.db.StoredUser;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import org.jdbi.v3.core.Jdbi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code java -jar tenant-service.jar create-admin --email a@b.example config.yml}: creates the
 * first MSP admin (or another one). The password comes from CREATE_ADMIN_PASSWORD if set, else the
 * first line of standard input; there is no default password, and it is never printed or logged.
 * The audit log names this command as the actor.
 */
public class CreateAdminCommand extends ConfiguredCommand<TenantServiceConfiguration> {
    public static final String PASSWORD_VARIABLE = "CREATE_ADMIN_PASSWORD";
    static final String ACTOR = "create-admin command";

    private final Function<String, String> environment;
    private final InputStream stdin;
    private final PrintStream stdout;

    public CreateAdminCommand() {
        this(System::getenv, System.in, System.out);
    }

    /** For tests: where the password variable and standard input come from. */
    public CreateAdminCommand(Function<String, String> environment,
                              InputStream stdin, PrintStream stdout) {
        super("create-admin", "Create an MSP admin account (password from "
                + PASSWORD_VARIABLE + " or standard input)");
        this.environment = environment;
        this.stdin = stdin;
        this.stdout = stdout;
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--email").required(true).help("the admin's e-mail address (the sign-in name)");
    }

    @Override
    protected void run(Bootstrap<TenantServiceConfiguration> bootstrap, Namespace namespace,
                       TenantServiceConfiguration configuration) throws Exception {
        String password = password();
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("email", namespace.getString("email"))
                .put("password", password)
                .put("role", Role.ADMIN.value());
        ManagedDataSource dataSource = configuration.getDatabase().build(new MetricRegistry(), getName());
        try {
            Users users = TenantServiceApplication.users(new TenantDatabase(Jdbi.create(dataSource)),
                    bootstrap.getObjectMapper());
            StoredUser created = users.create(new PlatformPrincipal(ACTOR, Role.ADMIN), Users.parse(body));
            stdout.println("created admin " + created.email() + " (id " + created.id() + "); sign in with POST /v1/auth/login");
        } finally {
            dataSource.stop();
        }
    }

    private String password() throws IOException {
        String fromEnvironment = environment.apply(PASSWORD_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("no password: set " + PASSWORD_VARIABLE + " or give it on standard input"
                    + " (at least " + Passwords.MIN_LENGTH + " characters)");
        }
        return line;
    }
}
