package com.aiagents.platform.common.errors;

/** One invalid input field inside an {@link ErrorBody}: which field, and what is wrong with it. */
public record FieldError(String field, String message) {
}
