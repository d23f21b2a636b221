package com.aiagents.platform.worker.context;

import java.util.regex.Pattern;

/** What the pipeline reads of a ticket: id, subject and description as plain text. */
public record TicketText(String ticketId, String subject, String description, String priority, String status) {
    private static final Pattern TAGS = Pattern.compile("<[^>]*>");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final int MAX_CHARS = 8000;

    public TicketText {
        subject = clean(subject);
        description = clean(description);
    }

    /** Plain text of SDP's HTML description: tags dropped, common entities decoded, spaces folded, bounded. */
    public static String plain(String html) {
        if (html == null) {
            return "";
        }
        String text = TAGS.matcher(html.replaceAll("(?i)<br\\s*/?>|</p>|</div>|</li>", "\n")).replaceAll(" ")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        return clean(text);
    }

    /** Subject and description together. */
    public String fullText() {
        return description.isEmpty() ? subject : subject + "\n" + description;
    }

    private static String clean(String text) {
        if (text == null) {
            return "";
        }
        // NUL: PostgreSQL text cannot hold it, and a ticket carrying one would fail every attempt
        String folded = SPACES.matcher(text.replace("\u0000", " ")).replaceAll(" ").strip();
        return folded.length() > MAX_CHARS ? folded.substring(0, MAX_CHARS) : folded;
    }
}
