package com.aiagents.platform.sdp.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import okhttp3.Dns;

/**
 * Resolves like {@code delegate} and refuses the whole answer if any address in it is refused by
 * the policy: checked on every lookup, so a name re-pointed at a private address after it was
 * saved (DNS rebinding) is caught when the connection is made.
 */
public final class GuardedDns implements Dns {
    private final Dns delegate;
    private final NetworkPolicy policy;

    public GuardedDns(Dns delegate, NetworkPolicy policy) {
        this.delegate = delegate;
        this.policy = policy;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> addresses = delegate.lookup(hostname);
        for (InetAddress address : addresses) {
            Optional<String> refusal = policy.refusal(address);
            if (refusal.isPresent()) {
                // UnknownHostException is what OkHttp expects from a Dns; the cause says why.
                UnknownHostException refused = new UnknownHostException(
                        "refused to connect: " + hostname + " resolves to " + refusal.get());
                refused.initCause(new RefusedAddressException(refused.getMessage()));
                throw refused;
            }
        }
        return addresses;
    }
}
