package com.aiagents.platform.sdp.net;

import java.io.IOException;
import java.net.Proxy;
import java.util.Optional;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * A network interceptor: runs once the connection is made and before the request (and its
 * credentials) is written, and refuses it when the socket's peer address is not allowed. It covers
 * what {@link GuardedDns} cannot see: IP
 * literals, which OkHttp never resolves. Through an explicit proxy the proxy resolves the name,
 * so only {@link GuardedDns} and the check of the saved URL apply.
 */
public final class ConnectedAddressGuard implements Interceptor {
    private final NetworkPolicy policy;

    public ConnectedAddressGuard(NetworkPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        String host = chain.request().url().host();
        Connection connection = chain.connection();
        if (connection != null && connection.route().proxy().type() == Proxy.Type.DIRECT) {
            Optional<String> refusal = policy.refusal(connection.route().socketAddress().getAddress());
            if (refusal.isPresent()) {
                throw new RefusedAddressException("refused to send a request to " + host
                        + ": connected to " + refusal.get());
            }
        }
        return chain.proceed(chain.request());
    }
}
