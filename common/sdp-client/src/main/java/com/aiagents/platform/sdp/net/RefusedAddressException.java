package com.aiagents.platform.sdp.net;

import java.io.IOException;

/**
 * A connection the SDP client would not make (or would not use): the host resolved to, or the
 * socket connected to, an address the tenant's {@link NetworkPolicy} refuses, or the URL is plain
 * http. An {@link IOException} so that OkHttp hands it back to the caller unchanged.
 */
public final class RefusedAddressException extends IOException {
    private static final long serialVersionUID = 1L;

    public RefusedAddressException(String message) {
        super(message);
    }
}
