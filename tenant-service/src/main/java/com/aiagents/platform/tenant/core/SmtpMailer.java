package com.aiagents.platform.tenant.core;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;

/**
 * One plain-text mail over SMTP with Angus Mail (Jakarta Mail's implementation), with the settings'
 * timeouts so a dead server costs one timeout per attempt, never a hung thread. The password goes
 * only into the {@link Authenticator}; it is never logged, and Jakarta Mail's debug output stays off.
 */
public class SmtpMailer {
    private final WelcomeSettings settings;
    private final Session session;

    public SmtpMailer(WelcomeSettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(properties(settings), authenticator(settings));
        this.session.setDebug(false);
    }

    static Properties properties(WelcomeSettings settings) {
        String protocol = settings.isTls() ? "smtps" : "smtp";
        String p = "mail." + protocol + ".";
        String timeout = Long.toString(settings.timeout().toMillis());
        Properties props = new Properties();
        props.put("mail.transport.protocol", protocol);
        props.put(p + "host", settings.getHost());
        props.put(p + "port", Integer.toString(settings.getPort()));
        props.put(p + "connectiontimeout", timeout);
        props.put(p + "timeout", timeout);
        props.put(p + "writetimeout", timeout);
        props.put(p + "auth", Boolean.toString(hasLogin(settings)));
        if (settings.isTls()) {
            props.put(p + "ssl.enable", "true");
            props.put(p + "ssl.checkserveridentity", "true");
        } else if (settings.isStartTls()) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
            props.put(p + "ssl.checkserveridentity", "true");
        }
        return props;
    }

    private static boolean hasLogin(WelcomeSettings settings) {
        return settings.getUsername() != null && !settings.getUsername().isBlank();
    }

    private static Authenticator authenticator(WelcomeSettings settings) {
        if (!hasLogin(settings)) {
            return null;
        }
        PasswordAuthentication login = new PasswordAuthentication(settings.getUsername(), settings.getPassword());
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return login;
            }
        };
    }

    /** Sends {@code text} (UTF-8 plain text) to {@code to}. */
    public void send(String to, String subject, String text, Instant now) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(settings.getFrom(), true));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        message.setSubject(subject, "UTF-8");
        message.setSentDate(Date.from(now));
        message.setText(text, "UTF-8");
        Transport.send(message);
    }
}
