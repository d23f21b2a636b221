package com.aiagents.platform.tenant.core;

import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.common.errors.FieldError;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem with a request so the operator sees all of them in one 400. */
final class FieldErrors {
    private final List<FieldError> errors = new ArrayList<>();

    void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    int size() {
        return errors.size();
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            String summary = errors.size() == 1
                    ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " fields are invalid";
            throw ApiException.badRequest("invalid_request", summary, List.copyOf(errors));
        }
    }
}
