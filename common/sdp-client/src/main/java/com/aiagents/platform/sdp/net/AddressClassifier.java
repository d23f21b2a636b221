package com.aiagents.platform.sdp.net;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Says whether an IP address is a globally routable unicast address a tenant's SDP may live at,
 * a private one an administrator may allow for one tenant (an on-premises SDP over a VPN), or one
 * that is never a tenant's SDP (loopback, link-local, cloud metadata, multicast, reserved).
 * Works on the address bytes, so every spelling of an address (decimal, octal, IPv4-mapped IPv6,
 * NAT64, 6to4) is judged as the address it reaches.
 */
public final class AddressClassifier {

    /** What an address is, for the SDP client's purposes. */
    public enum Kind {
        /** Globally routable unicast. */
        PUBLIC,
        /** RFC 1918, shared (CGNAT) or IPv6 unique-local: allowed only by a tenant's own CIDRs. */
        PRIVATE,
        /** Never a tenant's SDP: loopback, link-local, metadata, multicast, reserved... */
        FORBIDDEN
    }

    /** The verdict and a short reason naming the range, e.g. {@code "private (10.0.0.0/8)"}. */
    public record Verdict(Kind kind, String reason) {
    }

    private record Range(Cidr cidr, Kind kind, String what) {
    }

    /** AWS/GCP/Azure/OpenStack, AWS ECS task metadata, Alibaba, Oracle, AWS over IPv6. */
    private static final List<byte[]> METADATA = List.of(
            "169.254.169.254", "169.254.170.2", "100.100.100.200", "192.0.0.192", "fd00:ec2::254").stream()
            .map(text -> IpLiterals.parse(text).orElseThrow().getAddress()).toList();

    // First match wins: specific ranges before the ranges that contain them.
    private static final List<Range> IPV4 = List.of(
            range("0.0.0.0/8", Kind.FORBIDDEN, "'this network'"),
            range("10.0.0.0/8", Kind.PRIVATE, "private"),
            range("100.64.0.0/10", Kind.PRIVATE, "shared address space (carrier-grade NAT)"),
            range("127.0.0.0/8", Kind.FORBIDDEN, "loopback"),
            range("169.254.0.0/16", Kind.FORBIDDEN, "link-local"),
            range("172.16.0.0/12", Kind.PRIVATE, "private"),
            range("192.0.0.0/24", Kind.FORBIDDEN, "IETF protocol assignments"),
            range("192.0.2.0/24", Kind.FORBIDDEN, "documentation"),
            range("192.88.99.0/24", Kind.FORBIDDEN, "6to4 relay anycast"),
            range("192.168.0.0/16", Kind.PRIVATE, "private"),
            range("198.18.0.0/15", Kind.FORBIDDEN, "benchmarking"),
            range("198.51.100.0/24", Kind.FORBIDDEN, "documentation"),
            range("203.0.113.0/24", Kind.FORBIDDEN, "documentation"),
            range("224.0.0.0/4", Kind.FORBIDDEN, "multicast"),
            range("240.0.0.0/4", Kind.FORBIDDEN, "reserved (or broadcast)"));

    private static final List<Range> IPV6 = List.of(
            range("::/128", Kind.FORBIDDEN, "unspecified"),
            range("::1/128", Kind.FORBIDDEN, "loopback"),
            range("::/96", Kind.FORBIDDEN, "deprecated IPv4-compatible"),
            range("64:ff9b:1::/48", Kind.FORBIDDEN, "local-use NAT64"),
            range("100::/64", Kind.FORBIDDEN, "discard-only"),
            range("2001::/32", Kind.FORBIDDEN, "Teredo"),
            range("2001:db8::/32", Kind.FORBIDDEN, "documentation"),
            range("2001::/23", Kind.FORBIDDEN, "IETF protocol assignments"),
            range("3fff::/20", Kind.FORBIDDEN, "documentation"),
            range("fc00::/7", Kind.PRIVATE, "unique local"),
            range("fe80::/10", Kind.FORBIDDEN, "link-local"),
            range("fec0::/10", Kind.FORBIDDEN, "site-local (deprecated)"),
            range("ff00::/8", Kind.FORBIDDEN, "multicast"));

    private static final Cidr GLOBAL_UNICAST_V6 = Cidr.parse("2000::/3");
    private static final Cidr MAPPED = Cidr.parse("::ffff:0:0/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private AddressClassifier() {
    }

    public static Verdict classify(InetAddress address) {
        return classify(address.getAddress());
    }

    /** @param bytes 4 (IPv4) or 16 (IPv6) bytes in network order */
    public static Verdict classify(byte[] bytes) {
        String text = IpLiterals.format(bytes);
        for (byte[] metadata : METADATA) {
            if (Arrays.equals(bytes, metadata)) {
                return new Verdict(Kind.FORBIDDEN, text + " is a cloud metadata service address");
            }
        }
        if (bytes.length == 4) {
            return byRanges(bytes, IPV4, text);
        }
        byte[] embedded = embeddedIpv4(bytes);
        if (embedded != null) {
            Verdict inner = classify(embedded);
            return inner.kind() == Kind.PUBLIC ? new Verdict(Kind.PUBLIC, text + " is globally routable")
                    : new Verdict(inner.kind(), text + " embeds " + inner.reason());
        }
        Verdict byRange = byRanges(bytes, IPV6, text);
        if (byRange.kind() == Kind.PUBLIC && !GLOBAL_UNICAST_V6.containsBytes(bytes)) {
            return new Verdict(Kind.FORBIDDEN, text + " is not an IPv6 global unicast address (2000::/3)");
        }
        return byRange;
    }

    /**
     * The IPv4 address an IPv6 address stands for: IPv4-mapped ({@code ::ffff:a.b.c.d}), NAT64
     * ({@code 64:ff9b::a.b.c.d}) and 6to4 ({@code 2002:AABB:CCDD::}); null for any other.
     */
    public static byte[] embeddedIpv4(byte[] bytes) {
        if (bytes.length != 16) {
            return null;
        }
        if (MAPPED.containsBytes(bytes) || NAT64.containsBytes(bytes)) {
            return Arrays.copyOfRange(bytes, 12, 16);
        }
        if (SIX_TO_FOUR.containsBytes(bytes)) {
            return Arrays.copyOfRange(bytes, 2, 6);
        }
        return null;
    }

    private static Verdict byRanges(byte[] bytes, List<Range> ranges, String text) {
        for (Range range : ranges) {
            if (range.cidr().containsBytes(bytes)) {
                return new Verdict(range.kind(), text + " is " + range.what() + " (" + range.cidr() + ")");
            }
        }
        return new Verdict(Kind.PUBLIC, text + " is globally routable");
    }

    private static Range range(String cidr, Kind kind, String what) {
        return new Range(Cidr.parse(cidr), kind, what);
    }
}
