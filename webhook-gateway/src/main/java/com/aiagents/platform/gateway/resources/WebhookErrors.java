package com.aiagents.platform.gateway.resources;

import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.gateway.core.WebhookRejection;
import java.util.List;

/** A pipeline rejection as the platform's JSON error answer, with Retry-After where it applies. */
final class WebhookErrors {
    private WebhookErrors() {
    }

    static ApiException toApiException(WebhookRejection rejection) {
        Long retryAfter = rejection.retryAfterSeconds() > 0 ? rejection.retryAfterSeconds() : null;
        return new ApiException(rejection.outcome().httpStatus(), rejection.error(), rejection.getMessage(), List.of(), retryAfter);
    }
}
