package com.aiagents.platform.tenant.core;

import com.aiagents.platform.sdp.net.Cidr;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code servicedesk_private_networks}: the private networks (CIDRs) an administrator allows one
 * tenant's SDP to be reached in, e.g. an on-premises SDP over a VPN. Only networks inside the
 * private ranges (RFC 1918, shared 100.64/10, IPv6 unique-local) are accepted: loopback,
 * link-local and metadata addresses can never be allowed this way.
 */
final class PrivateNetworks {
    static final String FIELD = "servicedesk_private_networks";
    private static final int MAX_ENTRIES = 32;
    private static final List<Cidr> ALLOWABLE = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.168.0.0/16"), Cidr.parse("100.64.0.0/10"), Cidr.parse("fc00::/7"));

    private PrivateNetworks() {
    }

    /** The canonical CIDRs, in order, without duplicates; {@code null} or {@code []} clears the list. */
    static List<String> parse(JsonNode node, FieldErrors errors) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_ENTRIES) {
            errors.add(FIELD, "must be an array of at most " + MAX_ENTRIES + " CIDRs like [\"10.20.0.0/16\"]");
            return null;
        }
        Set<String> networks = new LinkedHashSet<>();
        int before = errors.size();
        for (int i = 0; i < node.size(); i++) {
            String field = FIELD + "[" + i + "]";
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                errors.add(field, "must be a CIDR string like 10.20.0.0/16");
                continue;
            }
            try {
                Cidr cidr = Cidr.parse(item.asText().strip());
                if (ALLOWABLE.stream().noneMatch(range -> range.covers(cidr))) {
                    errors.add(field, cidr + " is not inside a private range (10.0.0.0/8, 172.16.0.0/12, "
                            + "192.168.0.0/16, 100.64.0.0/10, fc00::/7); public addresses need no entry");
                    continue;
                }
                networks.add(cidr.toString());
            } catch (IllegalArgumentException e) {
                // the parser's message quotes the input: echoed only when it is plainly an address
                String text = item.asText();
                errors.add(field, text.length() <= 64 && text.matches("[0-9A-Fa-f:./ ]*")
                        ? e.getMessage() : "is not a CIDR like 10.20.0.0/16 or fd00:1::/48");
            }
        }
        return errors.size() == before ? new ArrayList<>(networks) : null;
    }

    static List<Cidr> cidrs(List<String> networks) {
        return networks == null ? List.of() : networks.stream().map(Cidr::parse).toList();
    }
}
