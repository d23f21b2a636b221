package com.aiagents.platform.gates.support;

import com.aiagents.platform.gates.GatesRunnerApplication;
import com.aiagents.platform.gates.GatesRunnerConfiguration;
import com.aiagents.platform.gates.cli.ValidateCommand;
import com.aiagents.platform.testing.TestDatabase;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Runs {@code validate ...} through Dropwizard's own Cli, capturing what it prints. */
public record CliRun(Optional<Throwable> failure, String out, String err) {

    public static CliRun validate(Path config, String... options) {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        ByteArrayOutputStream cliOut = new ByteArrayOutputStream();
        ByteArrayOutputStream cliErr = new ByteArrayOutputStream();
        Bootstrap<GatesRunnerConfiguration> bootstrap = new Bootstrap<>(new GatesRunnerApplication());
        // dw.* system properties belong to the in-process tenant-service; keep them out of this config
        bootstrap.setConfigurationFactoryFactory((klass, validator, mapper, prefix) ->
                new YamlConfigurationFactory<>(klass, validator, mapper, "gates-cli"));
        bootstrap.addCommand(new ValidateCommand(new PrintStream(report, true, StandardCharsets.UTF_8)));
        String[] args = new String[options.length + 2];
        args[0] = "validate";
        System.arraycopy(options, 0, args, 1, options.length);
        args[args.length - 1] = config.toString();
        Optional<Throwable> failure = new Cli(new JarLocation(CliRun.class), bootstrap, cliOut, cliErr).run(args);
        return new CliRun(failure, report.toString(StandardCharsets.UTF_8), cliErr.toString(StandardCharsets.UTF_8));
    }

    /** A copy of {@code config} with an LLM endpoint configured. */
    public static Path withLlm(Path config, String baseUrl, String apiKey) throws IOException {
        String yaml = Files.readString(config).replace("baseUrl: \"\"", "baseUrl: " + baseUrl)
                .replace("apiKey: \"\"", "apiKey: " + apiKey);
        Path file = config.resolveSibling("gates-runner-llm-" + Math.abs(apiKey.hashCode()) + ".yml");
        Files.writeString(file, yaml);
        return file;
    }

    /** gates-runner-test.yml with this test's database, Redis and peers written in. */
    public static Path writeConfig(Path dir, TestDatabase database, String redisUrl, String tenantServiceUrl,
                                   String peersUrl) throws IOException {
        String yaml;
        try (InputStream in = CliRun.class.getResourceAsStream("/gates-runner-test.yml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        yaml = yaml.replace("url: jdbc:postgresql://127.0.0.1:5432/overridden", "url: " + database.jdbcUrl())
                .replace("user: overridden", "user: " + database.runtimeUser())
                .replace("password: overridden", "password: " + database.password())
                .replace("redisUrl: redis://127.0.0.1:6379/15", "redisUrl: " + redisUrl)
                .replace("tenantServiceUrl: http://127.0.0.1:1", "tenantServiceUrl: " + tenantServiceUrl)
                .replace("http://127.0.0.1:1", peersUrl);
        Path file = dir.resolve("gates-runner.yml");
        Files.writeString(file, yaml);
        return file;
    }
}
