package com.aiagents.platform.worker.context;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The actionable steps of a KB article: its numbered or bulleted lines, else its first sentences. */
final class KbSteps {
    private static final Pattern STEP = Pattern.compile("^\\s*(\\d+[.)]|[-*•])\\s+(.+)$");
    private static final int MAX_STEPS = 5;
    private static final int MAX_CHARS = 240;

    private KbSteps() {
    }

    static List<String> of(String content) {
        List<String> steps = new ArrayList<>();
        for (String line : content.split("\\R")) {
            var m = STEP.matcher(line);
            if (m.matches() && steps.size() < MAX_STEPS) {
                steps.add(bounded(m.group(2)));
            }
        }
        if (steps.isEmpty()) {
            for (String sentence : TicketText.plain(content).split("(?<=[.!?])\\s+")) {
                if (!sentence.isBlank() && steps.size() < Math.min(3, MAX_STEPS)) {
                    steps.add(bounded(sentence));
                }
            }
        }
        return List.copyOf(steps);
    }

    private static String bounded(String text) {
        String s = text.strip();
        return s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS - 1) + "…" : s;
    }
}
