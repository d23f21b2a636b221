package com.aiagents.platform.tenant.core;

/**
 * The small HTML pages of {@code /welcome/{token}}: no script, no style, no external resource (the
 * Content-Security-Policy allows none). The only dynamic texts are the tenant id, the webhook URL
 * and, once, the secret, all escaped.
 */
public final class RevealPage {
    private RevealPage() {
    }

    /** GET: a button; nothing is revealed or used until it is pressed (link scanners do not submit forms). */
    public static String confirm(String tenantId) {
        return page("Reveal the webhook secret",
                "<p>This link shows the webhook secret of tenant <b>" + esc(tenantId) + "</b> <b>once</b>. "
                        + "Have ServiceDesk Plus's webhook settings open, then press the button.</p>\n"
                        + "<form method=\"post\">\n<p><button type=\"submit\">Show the secret</button></p>\n</form>\n"
                        + "<p>After this, the link no longer works.</p>");
    }

    /** POST: the secret, shown this once. */
    public static String revealed(WelcomeEmails.Revealed r) {
        return page("Your webhook secret",
                "<p>Tenant <b>" + esc(r.tenantId().value()) + "</b>. Copy the secret now: this page is not shown again.</p>\n"
                        + "<p>Secret: <code>" + esc(r.secret()) + "</code></p>\n"
                        + "<p>URL: <code>" + esc(r.webhookUrl()) + "</code></p>\n"
                        + "<p>Header: <code>" + esc(r.header()) + "</code> (" + esc(r.mode().name().toLowerCase(java.util.Locale.ROOT))
                        + " mode; the welcome mail says how to set it)</p>");
    }

    public static String refused(String message) {
        return page("Link not accepted", "<p>" + esc(message) + "</p>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"robots\" content=\"noindex\">\n<title>" + esc(title) + "</title>\n</head>\n<body>\n<h1>"
                + esc(title) + "</h1>\n" + body + "\n</body>\n</html>\n";
    }

    private static String esc(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
