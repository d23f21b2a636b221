package com.aiagents.platform.gates.db;

/** The part of an {@code enhancement_history} row gate 3 watches; {@code id} is what the note's marker names. */
public record HistoryRow(long id, String jobId, String status, String sdpNoteId, String error) {
}
