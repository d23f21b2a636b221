package com.aiagents.platform.sdpsim.core;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The statuses and priorities an instance knows, as a default SDP installation ships them. */
public final class SdpCatalog {

    /** A named catalog entry with the id and colour SDP puts next to the name. */
    public record Entry(String name, String id, String color) {
    }

    public static final String DEFAULT_STATUS = "Open";

    private static final List<Entry> STATUSES = List.of(
            new Entry("Open", "123640000000006657", "#0066ff"),
            new Entry("In Progress", "123640000000006659", "#ff9900"),
            new Entry("On Hold", "123640000000006661", "#ff0000"),
            new Entry("Resolved", "123640000000006665", "#00ff66"),
            new Entry("Closed", "123640000000006667", "#006600"),
            new Entry("Canceled", "123640000000006669", "#999999"));

    private static final List<Entry> PRIORITIES = List.of(
            new Entry("Low", "123640000000006801", "#666666"),
            new Entry("Medium", "123640000000006803", "#ff9900"),
            new Entry("High", "123640000000006805", "#ff0000"),
            new Entry("Urgent", "123640000000006807", "#990000"));

    private SdpCatalog() {
    }

    public static Optional<Entry> status(String name) {
        return find(STATUSES, name);
    }

    public static Optional<Entry> priority(String name) {
        return find(PRIORITIES, name);
    }

    /** Resolved and Closed requests carry a resolved time (and are what history imports look for). */
    public static boolean isResolved(String status) {
        return "Resolved".equals(status) || "Closed".equals(status);
    }

    private static Optional<Entry> find(List<Entry> entries, String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return entries.stream().filter(e -> e.name().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}
