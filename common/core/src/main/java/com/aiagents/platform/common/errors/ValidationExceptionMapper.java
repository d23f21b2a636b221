package com.aiagents.platform.common.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Comparator;
import java.util.List;

/**
 * Bean-validation failures of a request ({@code @Valid}, {@code @NotNull} on parameters...) → 400
 * {@code invalid_request} with one entry in {@code fields} per violation. A violation on a return
 * value, or a broken constraint declaration, is our bug → 500.
 */
final class ValidationExceptionMapper implements ExceptionMapper<ValidationException> {
    private final ViolationFields fieldNames;

    ValidationExceptionMapper(ObjectMapper mapper) {
        this.fieldNames = new ViolationFields(mapper);
    }

    @Override
    public Response toResponse(ValidationException exception) {
        if (!(exception instanceof ConstraintViolationException violations)
                || violations.getConstraintViolations().isEmpty()
                || violations.getConstraintViolations().stream().anyMatch(ValidationExceptionMapper::isOnReturnValue)) {
            return UnexpectedExceptionMapper.internalError(exception);
        }
        List<FieldError> fields = violations.getConstraintViolations().stream()
                .map(violation -> new FieldError(fieldNames.fieldOf(violation), violation.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        String message = fields.size() == 1
                ? "invalid field '" + fields.get(0).field() + "': " + fields.get(0).message()
                : "the request has " + fields.size() + " invalid fields";
        return ErrorResponses.of(new ErrorBody(400, "invalid_request", message, fields));
    }

    private static boolean isOnReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }
}
