package com.aiagents.platform.common.tracing;

import io.opentelemetry.api.common.AttributeKey;
import java.util.regex.Pattern;

/**
 * The attribute keys our spans carry. Jaeger's tag search ({@code tenant_id=acme-corp}) uses these
 * exact names, so they are the same as the log MDC keys.
 *
 * <p>The rule: a span attribute holds an identifier, a count, a status or a duration, never free
 * text. Never a secret, a signature, a token, a header, a request or response body, ticket text,
 * an exception message or a URL's query string (SDP's {@code input_data} and Zoho's token refresh
 * travel there). {@link #safe(String)} enforces the free-text half of that rule for string values
 * that do not come from one of the typed setters of {@link SpanStarter}; it cannot recognise a
 * secret, which is why identifiers are the only thing we put in.
 */
public final class TraceAttributes {
    public static final String TENANT_ID = "tenant_id";
    public static final String TICKET_ID = "ticket_id";
    public static final String JOB_ID = "job_id";
    public static final String ATTEMPT = "attempt";
    public static final String GATE = "gate";
    public static final String ONBOARDING_ID = "onboarding_id";
    public static final String STEP = "step";

    static final AttributeKey<String> TENANT_ID_KEY = AttributeKey.stringKey(TENANT_ID);
    static final AttributeKey<String> TICKET_ID_KEY = AttributeKey.stringKey(TICKET_ID);
    static final AttributeKey<String> JOB_ID_KEY = AttributeKey.stringKey(JOB_ID);
    static final AttributeKey<Long> ATTEMPT_KEY = AttributeKey.longKey(ATTEMPT);
    static final AttributeKey<String> GATE_KEY = AttributeKey.stringKey(GATE);
    static final AttributeKey<String> ONBOARDING_ID_KEY = AttributeKey.stringKey(ONBOARDING_ID);
    static final AttributeKey<String> STEP_KEY = AttributeKey.stringKey(STEP);

    // OpenTelemetry's stable HTTP semantic conventions (no URL, no header, no body).
    static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
    static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    /** What {@link #safe(String)} records instead of a value that is not an identifier. */
    public static final String REDACTED = "[not-an-identifier]";

    private static final int MAX_LENGTH = 128;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:/@+=$-]*");

    private TraceAttributes() {
    }

    /**
     * {@code value} when it looks like an identifier (at most 128 characters of letters, digits and
     * {@code . _ : / @ + = $ -}, no whitespace), else {@link #REDACTED}: ticket text, messages and
     * bodies never fit, so they never reach a span by accident. Null stays null.
     */
    public static String safe(String value) {
        if (value == null) {
            return null;
        }
        return value.length() <= MAX_LENGTH && IDENTIFIER.matcher(value).matches() ? value : REDACTED;
    }
}
