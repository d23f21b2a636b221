package com.aiagents.platform.common.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The server-wide Jetty error handler: errors Jetty raises before any context sees the request
 * (bad request line, headers too large, URI too long) answer with an {@link ErrorBody}, whatever
 * the client's {@code Accept} header says.
 */
final class JsonServerErrorHandler extends ErrorHandler {
    private final ObjectMapper mapper;

    JsonServerErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true; // Jetty's default leaves PUT, DELETE, PATCH errors without a body
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        if (!generateAcceptableResponse(request, response, callback, JettyErrorBodies.CONTENT_TYPE,
                JettyErrorBodies.CHARSETS, code, message, cause)) {
            callback.succeeded();
        }
    }

    @Override
    protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
        JettyErrorBodies.write(mapper, writer, code, cause);
    }
}
