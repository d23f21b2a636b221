package com.aiagents.platform.sdp.http;

import com.aiagents.platform.sdp.SdpErrorKind;
import com.aiagents.platform.sdp.SdpException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;

/** Maps an I/O failure (no usable HTTP reply) to {@link SdpErrorKind#TIMEOUT} or {@link SdpErrorKind#UNREACHABLE}. */
public final class TransportFailures {

    private TransportFailures() {
    }

    /**
     * @param what what we were doing, e.g. {@code "SDP call GET requests/42"}
     */
    public static SdpException of(String tenantId, String what, IOException e, SecretRedactor redactor) {
        // OkHttp's whole-call timeout surfaces as a plain InterruptedIOException("timeout").
        boolean timedOut = e instanceof SocketTimeoutException
                || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()));
        SdpErrorKind kind = timedOut ? SdpErrorKind.TIMEOUT : SdpErrorKind.UNREACHABLE;
        String message = what + " for tenant '" + tenantId + "' failed: "
                + (timedOut ? "timed out" : "could not connect or the connection broke")
                + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        if (!timedOut && e instanceof InterruptedIOException) {
            Thread.currentThread().interrupt();
        }
        return new SdpException(kind, tenantId, redactor.redact(message), e);
    }
}
