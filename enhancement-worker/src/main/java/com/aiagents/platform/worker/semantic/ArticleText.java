package com.aiagents.platform.worker.semantic;

/** A KB article's title and content, as read in the ticket's transaction. */
public record ArticleText(String title, String content) {
}
