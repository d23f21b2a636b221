package com.aiagents.platform.sdp.net;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** An application interceptor refusing plain http before any connection is made (credentials travel in headers). */
public final class HttpsOnly implements Interceptor {

    @Override
    public Response intercept(Chain chain) throws IOException {
        if (!chain.request().url().isHttps()) {
            throw new RefusedAddressException("refused to send a request to " + chain.request().url().host()
                    + " over plain http: only https is allowed (SDP_ALLOW_PRIVATE_NETWORKS is false)");
        }
        return chain.proceed(chain.request());
    }
}
