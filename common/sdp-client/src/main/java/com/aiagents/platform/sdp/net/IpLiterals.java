package com.aiagents.platform.sdp.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Strict IP address literals, parsed without ever asking DNS: a canonical dotted quad or an IPv6
 * address (optionally in brackets). The BSD spellings of IPv4 that resolvers also accept
 * ({@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1}, {@code 127.1}) are recognised as
 * ambiguous so they can be refused: parsers disagree on them, which is how address checks get
 * bypassed.
 */
public final class IpLiterals {

    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern DOTTED_QUAD = Pattern.compile("^" + OCTET + "(\\." + OCTET + "){3}$");
    private static final Pattern NUMERIC_IPV4_LIKE =
            Pattern.compile("^(0x[0-9a-f]*|\\d+)(\\.(0x[0-9a-f]*|\\d+)){0,3}\\.?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9a-fA-F:.]+$");

    private IpLiterals() {
    }

    /** The address {@code text} spells as a canonical literal; empty for a host name or anything else. */
    public static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        try {
            if (DOTTED_QUAD.matcher(literal).matches()) {
                String[] parts = literal.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    bytes[i] = (byte) Integer.parseInt(parts[i]);
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            if (literal.indexOf(':') >= 0 && IPV6_CHARS.matcher(literal).matches()) {
                // Bracketed, the JDK parses it as an IPv6 literal or fails; it never resolves it.
                // The bytes are kept as they are: an IPv4-mapped address stays 16 bytes long.
                byte[] bytes = InetAddress.getByName("[" + literal + "]").getAddress();
                if (bytes.length == 4) {
                    byte[] mapped = new byte[16];
                    mapped[10] = (byte) 0xff;
                    mapped[11] = (byte) 0xff;
                    System.arraycopy(bytes, 0, mapped, 12, 4);
                    bytes = mapped;
                }
                return Optional.of(java.net.Inet6Address.getByAddress(null, bytes, -1));
            }
        } catch (UnknownHostException notALiteral) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** A host that looks like a number-based IPv4 spelling but is not a canonical dotted quad. */
    public static boolean isAmbiguousIpv4(String host) {
        return host != null && !DOTTED_QUAD.matcher(host).matches() && NUMERIC_IPV4_LIKE.matcher(host).matches();
    }

    /** Canonical text: dotted quad, or RFC 5952-ish compressed IPv6 in lower case. */
    static String format(byte[] bytes) {
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            out.append(Integer.toHexString(groups[i]));
            if (i < 7) {
                out.append(':');
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
