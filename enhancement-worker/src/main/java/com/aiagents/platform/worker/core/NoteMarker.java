package com.aiagents.platform.worker.core;

import com.aiagents.platform.sdp.model.SdpNote;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The visible reference {@code Ref ENH-<history id>} every note carries, and the search for it in
 * a ticket's notes before posting again after a crash (docs/queue.md).
 */
public final class NoteMarker {
    private NoteMarker() {
    }

    public static String of(long historyId) {
        return "Ref ENH-" + historyId;
    }

    /** The note that carries exactly this marker ({@code ENH-12} does not match {@code ENH-123}). */
    public static Optional<SdpNote> findIn(List<SdpNote> notes, String marker) {
        Pattern exact = Pattern.compile(Pattern.quote(marker) + "(?!\\d)");
        return notes.stream()
                .filter(n -> n.descriptionHtml() != null && exact.matcher(n.descriptionHtml()).find())
                .findFirst();
    }
}
