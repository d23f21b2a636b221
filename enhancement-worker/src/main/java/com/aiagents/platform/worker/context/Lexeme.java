package com.aiagents.platform.worker.context;

/** A lexeme of the ticket's text with where and how often it occurs. */
public record Lexeme(String text, int occurrences, int firstPosition, boolean inSubject) {
}
