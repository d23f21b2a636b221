package com.aiagents.platform.gateway.core;

import java.io.InputStream;
import java.util.List;
import java.util.function.Function;

/**
 * One incoming POST as the resource saw it, before anything is trusted.
 *
 * @param tenantIdValues every {@code tenant_id} query parameter value (several is an error)
 * @param headers all values of a header by case-insensitive name, empty when absent
 * @param declaredLength the Content-Length, or -1 when absent
 */
public record WebhookDelivery(
        List<String> tenantIdValues,
        Function<String, List<String>> headers,
        InputStream body,
        long declaredLength) {
}
