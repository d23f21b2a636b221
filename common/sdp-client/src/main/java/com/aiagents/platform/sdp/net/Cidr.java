package com.aiagents.platform.sdp.net;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network, {@code 10.20.0.0/16} or {@code fd00:1::/48}. Parsed strictly (a
 * canonical literal, no host bits set, no DNS). An IPv4 network also contains the IPv4-mapped,
 * NAT64 and 6to4 forms of its addresses.
 */
public final class Cidr {
    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** @throws IllegalArgumentException naming what is wrong (the text is an address range, never a secret) */
    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a CIDR is required, like 10.20.0.0/16");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR like 10.20.0.0/16 (no prefix length)");
        }
        byte[] bytes = IpLiterals.parse(text.substring(0, slash))
                .map(InetAddress::getAddress)
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + text + "' is not a CIDR like 10.20.0.0/16 or fd00:1::/48"));
        String length = text.substring(slash + 1);
        int max = bytes.length * 8;
        if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > max) {
            throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + max);
        }
        int prefix = Integer.parseInt(length);
        byte[] masked = mask(bytes, prefix);
        if (!Arrays.equals(masked, bytes)) {
            throw new IllegalArgumentException("'" + text + "' has host bits set; the network is "
                    + IpLiterals.format(masked) + "/" + prefix);
        }
        return new Cidr(bytes, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (containsBytes(bytes)) {
            return true;
        }
        byte[] embedded = AddressClassifier.embeddedIpv4(bytes);
        return embedded != null && containsBytes(embedded);
    }

    /** Whether every address of {@code other} is in this network. */
    public boolean covers(Cidr other) {
        return other.network.length == network.length && other.prefix >= prefix && containsBytes(other.network);
    }

    public int prefixLength() {
        return prefix;
    }

    /** The network's first address. */
    public byte[] networkBytes() {
        return network.clone();
    }

    boolean containsBytes(byte[] bytes) {
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefix), network);
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - 8 * i));
            out[i] = (byte) (out[i] & (0xff << (8 - bits)));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        return IpLiterals.format(network) + "/" + prefix;
    }
}
