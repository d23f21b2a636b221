package com.aiagents.platform.sdp.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * The check of a tenant's {@code servicedesk_url} (or Zoho accounts URL) when it is saved: https,
 * and a host that is an allowed address or a name whose every address is allowed. The host is
 * read by OkHttp's URL parser, the one the SDP client connects with, so both see the same host.
 * A name that does not resolve here is accepted: the client checks every address it resolves
 * when it connects, which is what holds against DNS rebinding anyway.
 */
public final class SdpUrlCheck {

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    public static final Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    private SdpUrlCheck() {
    }

    /** What is wrong with {@code url} under {@code policy}; empty when it may be saved. */
    public static Optional<String> problem(String url, NetworkPolicy policy, Resolver resolver) {
        return problem(url, policy, resolver, "a tenant's SDP");
    }

    /** As {@link #problem(String, NetworkPolicy, Resolver)}, naming {@code what} the URL is for in the message. */
    public static Optional<String> problem(String url, NetworkPolicy policy, Resolver resolver, String what) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
        if (parsed == null) {
            return Optional.of("must be an absolute http(s) URL");
        }
        if (!parsed.isHttps() && !policy.allowsPlainHttp()) {
            return Optional.of("must use https (plain http is accepted only when SDP_ALLOW_PRIVATE_NETWORKS=true)");
        }
        if (policy.allowPrivateNetworks()) {
            return Optional.empty();
        }
        String host = parsed.host();
        Optional<InetAddress> literal = IpLiterals.parse(host);
        if (literal.isPresent()) {
            return policy.refusal(literal.get())
                    .map(reason -> "points at " + reason + "; " + what + " must be at a globally routable address");
        }
        if (IpLiterals.isAmbiguousIpv4(host)) {
            return Optional.of("spells an IPv4 address in a non-standard form (decimal, octal, hex or shortened);"
                    + " write a host name or a dotted quad like 203.0.113.7");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException unresolvedHere) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = policy.refusal(address);
            if (refusal.isPresent()) {
                return Optional.of("host " + host + " resolves to " + refusal.get()
                        + "; " + what + " must be at a globally routable address");
            }
        }
        return Optional.empty();
    }
}
