package com.aiagents.platform.integration.support;

import com.aiagents.platform.gates.GatesRunnerApplication;
import com.aiagents.platform.gates.GatesRunnerConfiguration;
import com.aiagents.platform.gates.cli.ValidateCommand;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Runs gates-runner's {@code validate ...} through Dropwizard's own Cli, as {@code java -jar
 * gates-runner.jar validate ... config.yml} would, on the platform's gates-runner YAML with the
 * platform's settings, capturing what it prints.
 */
public record CliRun(Optional<Throwable> failure, String out, String err) {
    /** Not {@code dw.}: those system properties belong to the in-process tenant-service. */
    private static final String PREFIX = "gates-cli";

    public static synchronized CliRun validate(Map<String, String> settings, String... options) {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        ByteArrayOutputStream cliOut = new ByteArrayOutputStream();
        ByteArrayOutputStream cliErr = new ByteArrayOutputStream();
        Bootstrap<GatesRunnerConfiguration> bootstrap = new Bootstrap<>(new GatesRunnerApplication());
        bootstrap.setConfigurationSourceProvider(new ResourceConfigurationSourceProvider());
        bootstrap.setConfigurationFactoryFactory((klass, validator, mapper, prefix) ->
                new YamlConfigurationFactory<>(klass, validator, mapper, PREFIX));
        bootstrap.addCommand(new ValidateCommand(new PrintStream(report, true, StandardCharsets.UTF_8)));
        String[] args = new String[options.length + 2];
        args[0] = "validate";
        System.arraycopy(options, 0, args, 1, options.length);
        args[args.length - 1] = "platform/gates-runner.yml";
        settings.forEach((key, value) -> System.setProperty(PREFIX + "." + key, value));
        try {
            Optional<Throwable> failure = new Cli(new JarLocation(CliRun.class), bootstrap, cliOut, cliErr).run(args);
            return new CliRun(failure, report.toString(StandardCharsets.UTF_8), cliErr.toString(StandardCharsets.UTF_8));
        } finally {
            settings.keySet().forEach(key -> System.clearProperty(PREFIX + "." + key));
        }
    }
}
