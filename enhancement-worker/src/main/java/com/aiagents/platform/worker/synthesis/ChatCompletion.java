package com.aiagents.platform.worker.synthesis;

/** What the endpoint answered: the assistant's text, the model that wrote it, the token usage. */
public record ChatCompletion(String content, String model, Integer promptTokens, Integer completionTokens) {
}
