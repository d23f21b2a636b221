package com.aiagents.platform.tenant.testing;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * GreenMail, a real SMTP server in the test's JVM on a free port, as the welcome mail's server:
 * the server for a test class, tenant-service's settings pointing at it, and reading what arrived
 * (for this module's tests and, through the test-jar, integration-tests').
 */
public final class Mailbox {
    /** Where the test configures the reveal links to point (never called: the tests call the service directly). */
    public static final String LINK_BASE = "https://tenants.aiagents.example";
    private static final Pattern LINK = Pattern.compile(Pattern.quote(LINK_BASE) + "/welcome/(\\S+)");

    private Mailbox() {
    }

    /** One server for the whole test class (registered before the service, which reads its port). */
    public static GreenMailExtension server() {
        return new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);
    }

    /** tenant-service's {@code welcome.*} settings for {@code smtp}: plain SMTP, no login, links to {@link #LINK_BASE}. */
    public static Map<String, Supplier<String>> settings(GreenMailExtension smtp) {
        Map<String, Supplier<String>> settings = new LinkedHashMap<>();
        settings.put("welcome.host", () -> "127.0.0.1");
        settings.put("welcome.port", () -> Integer.toString(smtp.getSmtp().getPort()));
        settings.put("welcome.startTls", () -> "false");
        settings.put("welcome.retryBackoff", () -> "100 milliseconds");
        settings.put("welcome.linkBaseUrl", () -> LINK_BASE + "/");
        return settings;
    }

    /** The mails to {@code recipient}, once at least {@code count} have arrived. */
    public static List<MimeMessage> await(GreenMailExtension smtp, String recipient, int count) {
        Awaitility.await(count + " welcome mail(s) to " + recipient).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> smtp.getReceivedMessagesForDomain(recipient).length >= count);
        return Arrays.asList(smtp.getReceivedMessagesForDomain(recipient));
    }

    /** The token of the mail's reveal link. */
    public static String token(MimeMessage mail) {
        Matcher m = LINK.matcher(GreenMailUtil.getBody(mail));
        if (!m.find()) {
            throw new AssertionError("no reveal link in the mail:\n" + GreenMailUtil.getBody(mail));
        }
        return m.group(1);
    }
}
