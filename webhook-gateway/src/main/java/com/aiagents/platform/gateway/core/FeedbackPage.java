package com.aiagents.platform.gateway.core;

import com.aiagents.platform.common.feedback.FeedbackVote;

/**
 * The small HTML pages of {@code /feedback/{token}} (docs/feedback.md). No script and no inline style
 * (the Content-Security-Policy allows neither), no external resource: plain HTML a technician reads in
 * any browser. Only our own fixed texts and the enhancement id (a number) appear on them, escaped anyway.
 */
public final class FeedbackPage {
    private FeedbackPage() {
    }

    /** GET: asks to confirm; the form posts back to the same URL (no action attribute). */
    public static String confirm(long enhancementId, FeedbackVote offered) {
        FeedbackVote other = offered.other();
        return page("Rate this enhancement",
                "<p>You are rating the AI-generated note <b>ENH-" + enhancementId + "</b>.</p>\n"
                        + "<form method=\"post\">\n"
                        + "<p><button type=\"submit\" name=\"vote\" value=\"" + offered.wireName() + "\">Record: "
                        + esc(offered.label()) + "</button></p>\n"
                        + "<p><button type=\"submit\" name=\"vote\" value=\"" + other.wireName() + "\">Record: "
                        + esc(other.label()) + " instead</button></p>\n"
                        + "</form>\n"
                        + "<p>Nothing is recorded until you press a button. You can change your vote later "
                        + "with either link in the note; only your latest vote counts.</p>");
    }

    /** POST: the vote was handed over. */
    public static String recorded(long enhancementId, FeedbackVote vote) {
        return page("Thank you",
                "<p>Your vote <b>" + esc(vote.label()) + "</b> on note <b>ENH-" + enhancementId
                        + "</b> is recorded. You can close this page.</p>");
    }

    public static String error(String title, String message) {
        return page(title, "<p>" + esc(message) + "</p>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"robots\" content=\"noindex\">\n"
                + "<title>" + esc(title) + "</title>\n</head>\n<body>\n<h1>" + esc(title) + "</h1>\n"
                + body + "\n</body>\n</html>\n";
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
