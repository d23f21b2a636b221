package com.aiagents.platform.localrun;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders a note's HTML the way SDP shows it, as plain lines for the console (markdown/text pass through). */
final class NoteText {
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z0-9]+)[^>]*>");

    private NoteText() {
    }

    static String render(String html) {
        StringBuilder out = new StringBuilder();
        Deque<int[]> lists = new ArrayDeque<>();
        Matcher tag = TAG.matcher(html);
        int at = 0;
        while (tag.find()) {
            out.append(entities(html.substring(at, tag.start())));
            at = tag.end();
            boolean closing = !tag.group(1).isEmpty();
            String name = tag.group(2).toLowerCase(Locale.ROOT);
            switch (name) {
                case "ol" -> {
                    if (closing) {
                        lists.poll();
                    } else {
                        lists.push(new int[] {0});
                    }
                    newline(out);
                }
                case "ul" -> {
                    if (closing) {
                        lists.poll();
                    } else {
                        lists.push(new int[] {-1});
                    }
                    newline(out);
                }
                case "li" -> {
                    if (!closing) {
                        newline(out);
                        int[] counter = lists.peek();
                        out.append("  ".repeat(Math.max(1, lists.size())));
                        out.append(counter == null || counter[0] < 0 ? "- " : (++counter[0]) + ". ");
                    }
                }
                case "br" -> out.append('\n');
                case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr" -> {
                    newline(out);
                    if (closing && name.startsWith("h")) {
                        out.append('\n');
                    }
                }
                default -> {
                    // inline markup (b, i, span, a, ...) shows as its text
                }
            }
        }
        out.append(entities(html.substring(at)));
        return out.toString().replaceAll("[ \t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }

    private static void newline(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    private static String entities(String text) {
        return text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&#x27;", "'").replace("&amp;", "&");
    }
}
