package com.aiagents.platform.sdpsim.api;

/** Every 4xx/5xx of the {@code /sim} API: {@code {"code": 400, "error": "<slug>", "message": "..."}}. */
public record ErrorBody(int code, String error, String message) {
}
