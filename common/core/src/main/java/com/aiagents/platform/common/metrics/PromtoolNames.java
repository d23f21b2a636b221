package com.aiagents.platform.common.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renames Dropwizard's metric families so that {@code promtool check metrics} (which lints) passes:
 * Java class names become snake_case ({@code QueuedThreadPool} → {@code queued_thread_pool}) and a
 * non-counter loses a {@code _total}/{@code _count}/{@code _sum}/{@code _bucket} suffix, which only
 * counters, histograms and summaries may carry ({@code jvm.threads.count} → {@code jvm_threads}).
 */
final class PromtoolNames {
    private static final Pattern LOWER_OR_DIGIT_THEN_UPPER = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern ACRONYM_THEN_WORD = Pattern.compile("([A-Z])([A-Z][a-z])");
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-z0-9_]");
    private static final Pattern UNDERSCORES = Pattern.compile("_+");
    private static final List<String> RESERVED_SUFFIXES = List.of("_total", "_count", "_sum", "_bucket");

    private PromtoolNames() {
    }

    static MetricFamilySamples lintClean(MetricFamilySamples family) {
        String name = snakeCase(family.name);
        if (family.type != Collector.Type.COUNTER) {
            name = withoutReservedSuffix(name);
        }
        List<Sample> samples = new ArrayList<>(family.samples.size());
        Set<List<String>> series = new HashSet<>();
        for (Sample sample : family.samples) {
            String sampleName = sample.name.startsWith(family.name)
                    ? name + sample.name.substring(family.name.length())
                    : snakeCase(sample.name);
            // DropwizardExports merges metrics whose sanitized names meet ("a.b" and "a-b"): keep one series each
            List<String> key = new ArrayList<>(sample.labelValues);
            key.add(0, sampleName);
            if (series.add(key)) {
                samples.add(new Sample(sampleName, sample.labelNames, sample.labelValues, sample.value,
                        sample.exemplar, sample.timestampMs));
            }
        }
        return new MetricFamilySamples(name, family.unit, family.type, family.help, samples);
    }

    static String snakeCase(String name) {
        String split = ACRONYM_THEN_WORD.matcher(LOWER_OR_DIGIT_THEN_UPPER.matcher(name).replaceAll("$1_$2"))
                .replaceAll("$1_$2");
        String snake = UNDERSCORES.matcher(NOT_ALLOWED.matcher(split.toLowerCase(Locale.ROOT)).replaceAll("_"))
                .replaceAll("_");
        if (snake.endsWith("_") && snake.length() > 1) {
            snake = snake.substring(0, snake.length() - 1);
        }
        return !snake.isEmpty() && Character.isDigit(snake.charAt(0)) ? "_" + snake : snake;
    }

    private static String withoutReservedSuffix(String name) {
        for (String suffix : RESERVED_SUFFIXES) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    /** Every name a family puts in the text format (simpleclient 0.16 writes counters as {@code name_total}...). */
    static List<String> exposedNames(MetricFamilySamples family) {
        Set<String> names = new LinkedHashSet<>();
        switch (family.type) {
            case COUNTER -> {
                names.add(family.name + "_total");
                names.add(family.name + "_created");
            }
            case SUMMARY -> {
                names.add(family.name);
                names.add(family.name + "_count");
                names.add(family.name + "_sum");
                names.add(family.name + "_created");
            }
            case HISTOGRAM -> {
                names.add(family.name);
                names.add(family.name + "_bucket");
                names.add(family.name + "_count");
                names.add(family.name + "_sum");
                names.add(family.name + "_created");
            }
            case INFO -> names.add(family.name + "_info");
            default -> names.add(family.name);
        }
        for (Sample sample : family.samples) {
            names.add(sample.name);
        }
        return new ArrayList<>(names);
    }
}
