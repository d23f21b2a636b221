package com.aiagents.platform.common.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The JSON body of every 4xx/5xx the platform answers:
 * {@code {"code":400,"error":"invalid_tenant_id","message":"...","fields":[...]}}.
 * {@code error} is a stable slug for programs, {@code message} is for people.
 */
public record ErrorBody(
        int code,
        String error,
        String message,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> fields) {

    public ErrorBody {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public static ErrorBody of(int code, String error, String message) {
        return new ErrorBody(code, error, message, List.of());
    }
}
