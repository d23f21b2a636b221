package com.aiagents.platform.gates.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What makes a note on an SDP request the enhancement a history row records: the worker's visible
 * marker {@code Ref ENH-<history id>} and the note's sections (heading {@code AI-Generated
 * Enhancement (...)}, {@code Likely Cause}, {@code Suggested Actions}, {@code Related Tickets}).
 * Any note on the request, or a row that names none, would otherwise pass gate 3.
 */
final class EnhancementNote {
    static final List<String> SECTIONS = List.of("Likely Cause", "Suggested Actions", "Related Tickets");
    private static final Pattern HEADING = Pattern.compile("AI-Generated Enhancement \\([^)]+\\)");

    private EnhancementNote() {
    }

    static String marker(long historyId) {
        return "Ref ENH-" + historyId;
    }

    /** The parts {@code note} lacks, in the note's order; empty when it is the row's enhancement note. */
    static List<String> missing(String note, long historyId) {
        String text = note == null ? "" : note;
        List<String> missing = new ArrayList<>();
        if (!HEADING.matcher(text).find()) {
            missing.add("heading AI-Generated Enhancement (...)");
        }
        for (String section : SECTIONS) {
            if (!text.contains(section)) {
                missing.add("section " + section);
            }
        }
        // ENH-12 must not be taken for ENH-123
        if (!Pattern.compile(Pattern.quote(marker(historyId)) + "(?!\\d)").matcher(text).find()) {
            missing.add("marker " + marker(historyId));
        }
        return missing;
    }
}
