package com.aiagents.platform.common.requestlog;

import ch.qos.logback.access.common.PatternLayout;
import ch.qos.logback.access.common.pattern.AccessConverter;
import ch.qos.logback.access.common.spi.IAccessEvent;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request log (Dropwizard's {@code server.requestLog}, logback-access) writes {@code %r}
 * ({@code "GET /path?query HTTP/1.1"}) and {@code %q} with the values of secret-bearing query
 * parameters replaced by {@code REDACTED}: a token someone put in a URL never reaches a log file,
 * whatever {@code logFormat} a service's YAML chooses. Installed into logback-access's default
 * converters, so it holds for every request-log layout of the JVM, and in every service.
 */
public final class RequestLogRedaction {
    static final String REDACTED = "REDACTED";
    /** A parameter whose name says it carries a credential (access_token, api_key, client_secret...). */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(token|secret|password|passwd|api_?key|apikey|signature|credential).*");
    private static final Pattern PARAMETER = Pattern.compile("([^&=?#\\s]+)=([^&#\\s]*)");

    private RequestLogRedaction() {
    }

    /** Idempotent; call before the server starts (any service's {@code run} will do). */
    public static synchronized void install() {
        PatternLayout.ACCESS_DEFAULT_CONVERTER_SUPPLIER_MAP.put("r", RequestLine::new);
        PatternLayout.ACCESS_DEFAULT_CONVERTER_SUPPLIER_MAP.put("requestURL", RequestLine::new);
        PatternLayout.ACCESS_DEFAULT_CONVERTER_SUPPLIER_MAP.put("q", QueryString::new);
        PatternLayout.ACCESS_DEFAULT_CONVERTER_SUPPLIER_MAP.put("queryString", QueryString::new);
    }

    /** {@code text} with every secret-named {@code name=value} pair's value replaced. */
    public static String redact(String text) {
        if (text == null || text.indexOf('=') < 0) {
            return text;
        }
        Matcher matcher = PARAMETER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = decoded(matcher.group(1));
            String replacement = SECRET_NAME.matcher(name).matches() ? matcher.group(1) + "=" + REDACTED : matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String decoded(String name) {
        try {
            return java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException malformed) {
            return name.toLowerCase(Locale.ROOT);
        }
    }

    /** {@code %r}: method, URI with its redacted query string, protocol. */
    public static final class RequestLine extends AccessConverter {
        @Override
        public String convert(IAccessEvent event) {
            return redact(event.getRequestURL());
        }
    }

    /** {@code %q}: the redacted query string. */
    public static final class QueryString extends AccessConverter {
        @Override
        public String convert(IAccessEvent event) {
            return redact(event.getQueryString());
        }
    }
}
