package com.aiagents.platform.sdp.http;

import com.aiagents.platform.sdp.SdpErrorKind;
import com.aiagents.platform.sdp.SdpException;
import com.aiagents.platform.sdp.net.RefusedAddressException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;

/**
 * Maps an I/O failure (no usable HTTP reply) to {@link SdpErrorKind#TIMEOUT}, {@link SdpErrorKind#UNREACHABLE},
 * or {@link SdpErrorKind#ADDRESS_REFUSED} when the client's own address guard stopped the call.
 */
public final class TransportFailures {

    private TransportFailures() {
    }

    /**
     * @param what what we were doing, e.g. {@code "SDP call GET requests/42"}
     */
    public static SdpException of(String tenantId, String what, IOException e, SecretRedactor redactor) {
        RefusedAddressException refused = refusalIn(e);
        if (refused != null) {
            return new SdpException(SdpErrorKind.ADDRESS_REFUSED, tenantId,
                    redactor.redact(what + " for tenant '" + tenantId + "' not made: " + refused.getMessage()), e);
        }
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

    private static RefusedAddressException refusalIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RefusedAddressException refused) {
                return refused;
            }
        }
        return null;
    }
}
