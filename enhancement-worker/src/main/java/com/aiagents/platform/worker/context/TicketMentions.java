package com.aiagents.platform.worker.context;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Host names, IPv4 addresses and words a ticket mentions, for the inventory lookup. Bounded, in
 * order of first appearance, lower case.
 */
public record TicketMentions(List<String> names, List<String> ipAddresses, List<String> words) {
    private static final Pattern IPV4 = Pattern.compile(
            "\\b((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\b");
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9][a-z0-9._-]*[a-z0-9]");
    private static final int MAX = 200;

    public static TicketMentions of(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        Set<String> ips = new LinkedHashSet<>();
        Matcher ip = IPV4.matcher(lower);
        while (ip.find() && ips.size() < MAX) {
            ips.add(ip.group());
        }
        Set<String> names = new LinkedHashSet<>();
        Set<String> words = new LinkedHashSet<>();
        Matcher token = TOKEN.matcher(lower);
        while (token.find() && names.size() < MAX) {
            String t = token.group();
            if (ips.contains(t) || t.length() < 3) {
                continue;
            }
            names.add(t);
            if (t.indexOf('.') < 0) {
                words.add(t);
            }
        }
        return new TicketMentions(List.copyOf(names), List.copyOf(ips), List.copyOf(words));
    }
}
