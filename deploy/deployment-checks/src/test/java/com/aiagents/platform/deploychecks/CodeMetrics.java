package com.aiagents.platform.deploychecks;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus metric names our main code registers, read from the sources (simpleclient's
 * {@code Counter.build("name", ...)}, {@code Histogram.build().name("name")}, {@code new
 * GaugeMetricFamily("name", ...)}, or a {@code NAME = "..."} constant next to one): what an alert or
 * a dashboard may query, so that a rule on a name nothing exports fails here rather than never firing.
 */
final class CodeMetrics {
    private static final Pattern BUILD_WITH_NAME = Pattern.compile(
            "(Counter|Gauge|Histogram|Summary)\\.build\\(\\s*\"([a-zA-Z_:][a-zA-Z0-9_:]*)\"");
    private static final Pattern NAME_CALL = Pattern.compile("\\.name\\(\\s*\"([a-zA-Z_:][a-zA-Z0-9_:]*)\"\\s*\\)");
    private static final Pattern FAMILY = Pattern.compile("new (Gauge|Counter)MetricFamily\\(\\s*\"([a-zA-Z_:][a-zA-Z0-9_:]*)\"");
    private static final Pattern NAME_CONSTANT = Pattern.compile("static final String NAME = \"([a-zA-Z_:][a-zA-Z0-9_:]*)\"");

    private CodeMetrics() {
    }

    /** Every exposed series name: a histogram's {@code _bucket}, {@code _count} and {@code _sum} too. */
    static Set<String> exposedNames() {
        Set<String> names = new TreeSet<>();
        for (Path file : mainSources()) {
            String code = Repo.read(file);
            if (!code.contains("io.prometheus.client")) {
                continue;
            }
            Matcher built = BUILD_WITH_NAME.matcher(code);
            while (built.find()) {
                add(names, built.group(2), built.group(1).equals("Histogram") || built.group(1).equals("Summary"));
            }
            boolean histogram = code.contains("Histogram.build()") || code.contains("Summary.build()");
            Matcher named = NAME_CALL.matcher(code);
            while (named.find()) {
                add(names, named.group(1), histogram);
            }
            Matcher family = FAMILY.matcher(code);
            while (family.find()) {
                names.add(family.group(2));
            }
            Matcher constant = NAME_CONSTANT.matcher(code);
            while (constant.find()) {
                names.add(constant.group(1));
            }
        }
        return names;
    }

    private static void add(Set<String> names, String name, boolean histogram) {
        names.add(name);
        if (histogram) {
            names.add(name + "_bucket");
            names.add(name + "_count");
            names.add(name + "_sum");
        }
    }

    private static Set<Path> mainSources() {
        return Repo.sourceFiles(Repo.ROOT).stream().filter(p -> p.toString().endsWith(".java"))
                .filter(p -> p.toString().contains("/src/main/java/"))
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }
}
