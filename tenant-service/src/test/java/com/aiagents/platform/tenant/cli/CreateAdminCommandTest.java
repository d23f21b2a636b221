package com.aiagents.platform.tenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.common.config.PlatformConfigs;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.tenant.TenantServiceApplication;
import com.aiagents.platform.tenant.TenantServiceConfiguration;
import com.aiagents.platform.testing.TestDatabase;
import com.aiagents.platform.testing.TestDatabaseExtension;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * {@code create-admin}, run through Dropwizard's command line as {@code java -jar} would, against a
 * private migrated database: the password from standard input or CREATE_ADMIN_PASSWORD, never a
 * default, never printed; the account is an admin stored with an Argon2id hash; the audit log
 * names the command.
 */
class CreateAdminCommandTest {
    @RegisterExtension
    static final TestDatabaseExtension DB = new TestDatabaseExtension();

    @TempDir
    Path dir;

    @Test
    void createsAnAdminWithThePasswordFromStandardInput() throws Exception {
        String password = "stdin-password-0123";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Optional<Throwable> failure = run("first@msp.example", Map.of(), password + "\n", out);
        assertThat(failure).isEmpty();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("created admin first@msp.example").doesNotContain(password);
        try (Connection c = DB.get().connectAsOwner();
             PreparedStatement st = c.prepareStatement("SELECT u.role, u.tenant_id, u.password_hash, "
                     + "(SELECT a.actor FROM audit_log a WHERE a.action = 'user.created' AND a.details->>'user_id' = u.id::text) "
                     + "FROM users u WHERE u.email = 'first@msp.example'")) {
            c.createStatement().execute("SELECT set_config('app.staff_scope', 'on', false)");
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("admin");
                assertThat(rs.getString(2)).isNull();
                assertThat(rs.getString(3)).startsWith("$argon2id$");
                assertThat(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().matches(password, rs.getString(3))).isTrue();
                assertThat(rs.getString(4)).isEqualTo(CreateAdminCommand.ACTOR);
            }
        }
    }

    @Test
    void takesThePasswordFromTheEnvironmentAndRefusesNoneOrAShortOne() throws Exception {
        assertThat(run("env@msp.example", Map.of(CreateAdminCommand.PASSWORD_VARIABLE, "env-password-0123"), "",
                new ByteArrayOutputStream())).isEmpty();
        assertThat(run("none@msp.example", Map.of(), "", new ByteArrayOutputStream())).isPresent();
        Optional<Throwable> tooShort = run("short@msp.example", Map.of(), "short\n", new ByteArrayOutputStream());
        assertThat(tooShort).isPresent();
        assertThat(tooShort.get().getMessage()).contains("at least 12").doesNotContain("short\n");
        assertThat(run("env@msp.example", Map.of(CreateAdminCommand.PASSWORD_VARIABLE, "another-password-0123"), "",
                new ByteArrayOutputStream())).as("the address is taken").isPresent();
    }

    private Optional<Throwable> run(String email, Map<String, String> environment, String stdin,
                                    ByteArrayOutputStream out) throws IOException {
        TenantServiceApplication application = new TenantServiceApplication();
        Bootstrap<TenantServiceConfiguration> bootstrap = new Bootstrap<>(application);
        PlatformConfigs.initialize(bootstrap);
        InputStream input = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        bootstrap.addCommand(new CreateAdminCommand(environment::get, input,
                new PrintStream(out, true, StandardCharsets.UTF_8)));
        Cli cli = new Cli(new JarLocation(getClass()), bootstrap, out, out);
        return cli.run("create-admin", "--email", email, config().toString());
    }

    /** The test YAML, pointed at the private database as tenant-service's own role. */
    private Path config() throws IOException {
        TestDatabase db = DB.get();
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("/tenant-service-test.yml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        yaml = yaml.replace("url: jdbc:postgresql://127.0.0.1:5432/overridden", "url: " + db.jdbcUrl())
                .replace("  user: overridden\n  password: overridden\n  initialSize",
                        "  user: " + db.roleFor(ServiceRole.TENANT_SERVICE) + "\n  password: " + db.password() + "\n  initialSize");
        // the command does not use the key, but the configuration is checked whole
        yaml = yaml.replace("  key: overridden", "  key: " + java.util.Base64.getEncoder().encodeToString(new byte[32]));
        Path file = dir.resolve("tenant-service.yml");
        Files.writeString(file, yaml);
        return file;
    }
}
