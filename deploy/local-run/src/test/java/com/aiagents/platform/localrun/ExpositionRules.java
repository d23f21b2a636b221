package com.aiagents.platform.localrun;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parts of {@code promtool check metrics} a scrape can fail, for machines without promtool:
 * each family typed once, samples under their family, promlint's suffix rules, no series twice.
 */
final class ExpositionRules {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> SUMMARY_PARTS = Set.of("", "_count", "_sum");
    private static final Set<String> HISTOGRAM_PARTS = Set.of("_bucket", "_count", "_sum");
    /** promlint: "metric name should not include type". */
    private static final Set<String> TYPE_WORDS = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    private ExpositionRules() {
    }

    static List<String> violations(String scrape) {
        Map<String, String> typeOf = new HashMap<>();
        Set<String> seenSeries = new HashSet<>();
        List<String> violations = new ArrayList<>();
        String current = "";
        for (String raw : scrape.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                current = parts[2];
                if (typeOf.put(current, parts[3]) != null) {
                    violations.add("family typed twice: " + current);
                }
                violations.addAll(suffixProblems(current, parts[3]));
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int cut = line.indexOf('{') >= 0 ? line.lastIndexOf('}') + 1 : line.indexOf(' ');
            if (cut <= 0) {
                violations.add("cannot read: " + line);
                continue;
            }
            String series = line.substring(0, cut);
            String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
            if (!METRIC_NAME.matcher(name).matches()) {
                violations.add("bad metric name: " + name);
            }
            if (!inFamily(name, current, typeOf.get(current))) {
                violations.add(name + " is outside its family " + current);
            }
            if (!seenSeries.add(series)) {
                violations.add("series twice: " + series);
            }
        }
        return violations;
    }

    private static List<String> suffixProblems(String family, String type) {
        List<String> problems = new ArrayList<>();
        if (!family.equals(family.toLowerCase(java.util.Locale.ROOT))) {
            problems.add(family + " is not snake_case");
        }
        for (String word : family.split("_")) {
            if (TYPE_WORDS.contains(word)) {
                problems.add(family + " names a metric type ('" + word + "')");
            }
        }
        boolean total = family.endsWith("_total");
        if ("counter".equals(type) && !total) {
            problems.add("counter " + family + " does not end in _total");
        }
        if (!"counter".equals(type) && total) {
            problems.add(type + " " + family + " ends in _total");
        }
        boolean reserved = family.endsWith("_count") || family.endsWith("_sum") || family.endsWith("_bucket");
        if (reserved && !("histogram".equals(type) || "summary".equals(type))) {
            problems.add(type + " " + family + " carries a _count/_sum/_bucket suffix");
        }
        return problems;
    }

    private static boolean inFamily(String name, String family, String type) {
        if (type == null || !name.startsWith(family)) {
            return false;
        }
        String rest = name.substring(family.length());
        return switch (type) {
            case "summary" -> SUMMARY_PARTS.contains(rest);
            case "histogram" -> HISTOGRAM_PARTS.contains(rest);
            default -> rest.isEmpty();
        };
    }
}
