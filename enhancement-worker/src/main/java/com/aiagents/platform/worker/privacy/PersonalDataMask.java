package com.aiagents.platform.worker.privacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data in text bound for the LLM with stable placeholders ({@code [EMAIL_1]},
 * {@code [PHONE_1]}, {@code [PERSON_1]}, and when the tenant asks for it {@code [IP_1]},
 * {@code [HOST_1]}) and puts the originals back into the LLM's answer, as SDP's own ChatGPT
 * integration masks PII before it leaves. One instance per job: the same value always gets the same
 * placeholder within it, so the model can still tell "the requester" from "another user".
 *
 * <p>What it finds: e-mail addresses and phone numbers anywhere (patterns); people by the names the
 * ticket itself gives (its requester, each part of the name of three letters or more); IPv4/IPv6
 * addresses and host names (dotted names, and the inventory's host names) when enabled. A name that
 * appears in free text without being the ticket's requester is not recognised: that needs a
 * named-entity model, which the worker does not run.
 */
public final class PersonalDataMask {
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    // a leading + or a separator inside: a bare digit run is a ticket id, not a phone number
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+])\\+?\\(?\\d[\\d ()-]{5,}\\d(?![\\w])");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\w.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\w.])");
    // candidates only: isIpv6 decides (a time like 10:30:00 is not an address)
    private static final Pattern IPV6 = Pattern.compile("(?<![\\w:])[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:[0-9A-Fa-f:]*(?![\\w:])");
    private static final Pattern DOTTED_HOST = Pattern.compile(
            "(?<![\\w.@-])(?:[A-Za-z0-9-]+\\.){2,}[A-Za-z]{2,}(?![\\w.-])");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[(EMAIL|PHONE|PERSON|IP|HOST)_\\d+]");

    private final List<String> names;
    private final List<String> hosts;
    private final boolean maskInfrastructure;
    /** original -> placeholder, in order of first appearance */
    private final Map<String, String> placeholders = new LinkedHashMap<>();
    private final Map<String, Integer> counters = new LinkedHashMap<>();
    /** placeholder -> the original as first seen */
    private final Map<String, String> originals = new LinkedHashMap<>();

    private PersonalDataMask(List<String> names, List<String> hosts, boolean maskInfrastructure) {
        this.names = names;
        this.hosts = hosts;
        this.maskInfrastructure = maskInfrastructure;
    }

    /**
     * @param personNames the ticket's people (its requester's name); each part of three letters or
     *                    more is masked too, longest first
     * @param hostNames   host names known to be the tenant's (its inventory), masked with infrastructure
     */
    public static PersonalDataMask of(List<String> personNames, List<String> hostNames, boolean maskInfrastructure) {
        List<String> names = new ArrayList<>();
        for (String name : personNames) {
            if (name == null || name.isBlank()) {
                continue;
            }
            names.add(name.strip());
            for (String part : name.strip().split("[\\s,]+")) {
                if (part.length() >= 3 && Character.isLetter(part.charAt(0))) {
                    names.add(part);
                }
            }
        }
        names.sort(Comparator.comparingInt(String::length).reversed());
        List<String> hosts = new ArrayList<>(hostNames.stream().filter(h -> h != null && h.length() >= 3).toList());
        hosts.sort(Comparator.comparingInt(String::length).reversed());
        return new PersonalDataMask(List.copyOf(names), List.copyOf(hosts), maskInfrastructure);
    }

    /** The text with every piece of personal data it finds replaced by its placeholder. */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = replace(text, EMAIL, "EMAIL");
        for (String name : names) {
            masked = replace(masked, Pattern.compile("(?<![\\w])" + Pattern.quote(name) + "(?![\\w])"), "PERSON");
        }
        masked = replacePhones(masked);
        if (maskInfrastructure) {
            masked = replace(masked, IPV4, "IP");
            masked = replaceIpv6(masked);
            for (String host : hosts) {
                masked = replace(masked, Pattern.compile("(?i)(?<![\\w.-])" + Pattern.quote(host) + "(?![\\w-])"), "HOST");
            }
            masked = replace(masked, DOTTED_HOST, "HOST");
        }
        return masked;
    }

    /** Puts the originals back; placeholders this mask never issued are left as the model wrote them. */
    public String restore(String text) {
        if (text == null || originals.isEmpty()) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(originals.getOrDefault(m.group(), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** How many distinct values were masked, by kind: for logs and tests, never the values. */
    public Map<String, Integer> counts() {
        return Map.copyOf(counters);
    }

    private String replacePhones(String text) {
        Matcher m = PHONE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String candidate = m.group();
            long digits = candidate.chars().filter(Character::isDigit).count();
            boolean phoneShaped = digits >= 7 && digits <= 15 && !ISO_DATE.matcher(candidate).find()
                    && (candidate.startsWith("+") || candidate.matches(".*\\d[ ()-]+\\d.*"));
            m.appendReplacement(out, Matcher.quoteReplacement(phoneShaped ? placeholder(candidate, "PHONE") : candidate));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String replaceIpv6(String text) {
        Matcher m = IPV6.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(isIpv6(m.group()) ? placeholder(m.group(), "IP") : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** RFC 4291's text form: eight groups of 1-4 hex digits, or fewer around one "::". */
    static boolean isIpv6(String candidate) {
        int compressions = candidate.split("::", -1).length - 1;
        if (compressions > 1 || candidate.contains(":::")) {
            return false;
        }
        String[] groups = candidate.replace("::", ":x:").split(":", -1);
        int count = 0;
        for (String group : groups) {
            if (group.equals("x") || (group.isEmpty() && compressions == 1)) {
                continue;
            }
            if (!group.matches("[0-9A-Fa-f]{1,4}")) {
                return false;
            }
            count++;
        }
        return compressions == 1 ? count <= 7 : count == 8;
    }

    private String replace(String text, Pattern pattern, String kind) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(placeholder(m.group(), kind)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String placeholder(String original, String kind) {
        String key = kind.equals("EMAIL") || kind.equals("HOST") ? original.toLowerCase(Locale.ROOT) : original;
        return placeholders.computeIfAbsent(key, k -> {
            String placeholder = "[" + kind + "_" + counters.merge(kind, 1, Integer::sum) + "]";
            originals.put(placeholder, original);
            return placeholder;
        });
    }
}
