package com.aiagents.platform.gates.db;

/** The part of an {@code enhancement_history} row gate 3 watches. */
public record HistoryRow(String jobId, String status, String sdpNoteId, String error) {
}
