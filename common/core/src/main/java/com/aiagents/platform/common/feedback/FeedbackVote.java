package com.aiagents.platform.common.feedback;

import java.util.Optional;

/** A technician's verdict on one enhancement note; the wire name is what the table and the metric carry. */
public enum FeedbackVote {
    HELPFUL("helpful", "Helpful"),
    NOT_HELPFUL("not_helpful", "Not helpful");

    private final String wireName;
    private final String label;

    FeedbackVote(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    public String wireName() {
        return wireName;
    }

    /** What a person reads on the link and the button. */
    public String label() {
        return label;
    }

    public FeedbackVote other() {
        return this == HELPFUL ? NOT_HELPFUL : HELPFUL;
    }

    public static Optional<FeedbackVote> fromWire(String value) {
        for (FeedbackVote v : values()) {
            if (v.wireName.equals(value)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
