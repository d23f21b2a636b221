package com.aiagents.platform.common.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of {@code promtool check metrics} that our exposition could fail, for a build without
 * promtool: one TYPE line per family, each sample inside its family, and promlint's naming rules.
 */
public final class ExpositionLint {
    private static final Pattern TYPE = Pattern.compile("# TYPE (\\S+) (\\S+)");
    private static final Pattern SAMPLE = Pattern.compile("([^\\s{]+)(\\{[^}]*})? \\S+");
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private ExpositionLint() {
    }

    public static List<String> problems(String exposition) {
        List<String> problems = new ArrayList<>();
        Set<String> families = new HashSet<>();
        Set<String> series = new HashSet<>();
        String family = null;
        String type = null;
        for (String line : exposition.split("\n")) {
            Matcher typeLine = TYPE.matcher(line);
            if (typeLine.matches()) {
                family = typeLine.group(1);
                type = typeLine.group(2);
                if (!families.add(family)) {
                    problems.add(family + ": second TYPE line");
                }
                problems.addAll(nameProblems(family, type));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                Matcher sample = SAMPLE.matcher(line);
                if (!sample.matches()) {
                    problems.add("unparseable line: " + line);
                } else if (!belongs(sample.group(1), family, type)) {
                    problems.add(sample.group(1) + ": sample outside its family " + family);
                } else if (!series.add(sample.group(1) + sample.group(2))) {
                    problems.add(sample.group(1) + sample.group(2) + ": duplicate series");
                }
            }
        }
        return problems;
    }

    private static List<String> nameProblems(String name, String type) {
        List<String> problems = new ArrayList<>();
        if (!NAME.matcher(name).matches()) {
            problems.add(name + ": not snake_case");
        }
        if (type.equals("counter") != name.endsWith("_total")) {
            problems.add(name + ": only counters, and all of them, end in _total");
        }
        if (!type.equals("histogram") && !type.equals("summary")
                && (name.endsWith("_count") || name.endsWith("_sum") || name.endsWith("_bucket"))) {
            problems.add(name + ": _count/_sum/_bucket on a " + type);
        }
        return problems;
    }

    private static boolean belongs(String sample, String family, String type) {
        if (family == null) {
            return false;
        }
        if (sample.equals(family)) {
            return true;
        }
        return (type.equals("summary") || type.equals("histogram"))
                && (sample.equals(family + "_count") || sample.equals(family + "_sum") || sample.equals(family + "_bucket"));
    }
}
