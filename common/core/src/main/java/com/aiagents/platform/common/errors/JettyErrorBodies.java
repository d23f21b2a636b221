package com.aiagents.platform.common.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What Jetty's error handlers write instead of their HTML pages: an {@link ErrorBody}, never Jetty's message. */
final class JettyErrorBodies {
    static final String CONTENT_TYPE = "application/json";
    static final List<Charset> CHARSETS = List.of(StandardCharsets.UTF_8);

    private JettyErrorBodies() {
    }

    static void write(ObjectMapper mapper, PrintWriter writer, int code, Throwable cause) {
        ErrorBody body = code == 500 && cause != null
                ? UnexpectedExceptionMapper.internalErrorBody(cause)
                : ErrorResponses.bodyFor(code);
        try {
            writer.write(mapper.writeValueAsString(body));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot serialize an ErrorBody", impossible);
        }
    }
}
