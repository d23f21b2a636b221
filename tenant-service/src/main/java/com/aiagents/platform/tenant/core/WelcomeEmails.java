package com.aiagents.platform.tenant.core;

import com.aiagents.platform.api.MspSettings;
import com.aiagents.platform.api.ServicedeskEdition;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.api.WebhookAuthMode;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Role;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.tenant.api.WelcomeEmailView;
import com.aiagents.platform.tenant.db.AuditLog;
import com.aiagents.platform.tenant.db.StoredTenant;
import com.aiagents.platform.tenant.db.TenantRepository;
import com.aiagents.platform.tenant.db.WelcomeEmailRepository;
import com.aiagents.platform.tenant.db.WelcomeEmailRepository.StoredWelcomeEmail;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The welcome hand-off (docs/api/tenant-service.md#welcome-e-mail): at activation, and on every
 * resend, a mail to the tenant's admin contact with the webhook setup steps for its SDP edition
 * and a one-time, expiring link to reveal the webhook secret. The mail never holds a secret; the
 * link's token exists only in the mail (the table keeps its SHA-256), names its tenant (so the
 * lookup runs in that tenant's context, under RLS) and works once, while it is the tenant's latest
 * link and unexpired. Sending happens in the background with retries and exponential backoff: the
 * caller (the onboarding's activation) never waits for SMTP, and the outcome (pending, sent,
 * failed, disabled) is stored where operators read it.
 */
public final class WelcomeEmails {
    private static final Logger LOG = LoggerFactory.getLogger(WelcomeEmails.class);
    /** Who the audit log names for a reveal: whoever holds the link (no login). */
    static final PlatformPrincipal LINK_HOLDER = new PlatformPrincipal("welcome-link", Role.VIEWER);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 32;
    private static final int MAX_TOKEN_LENGTH = 120;
    private static final int MAX_ERROR_LENGTH = 300;

    private final TenantDatabase database;
    private final TenantRepository tenants;
    private final WelcomeEmailRepository emails = new WelcomeEmailRepository();
    private final AuditLog audit;
    private final TenantSecrets secrets;
    private final ObjectMapper json;
    private final RegistrySettings registry;
    private final WelcomeSettings settings;
    private final SmtpMailer mailer;
    private final ExecutorService sender;
    private final Clock clock;
    private final RetryConfig retry;

    /** @param sender runs the deliveries (a bounded, lifecycle-managed executor) */
    public WelcomeEmails(TenantDatabase database, TenantRepository tenants, AuditLog audit, TenantSecrets secrets,
                         ObjectMapper json, RegistrySettings registry, WelcomeSettings settings,
                         ExecutorService sender, Clock clock) {
        this.database = database;
        this.tenants = tenants;
        this.audit = audit;
        this.secrets = secrets;
        this.json = json;
        this.registry = registry;
        this.settings = settings;
        this.mailer = settings.enabled() ? new SmtpMailer(settings) : null;
        this.sender = sender;
        this.clock = clock;
        this.retry = RetryConfig.custom()
                .maxAttempts(settings.getSendAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.retryBackoff(), 2.0))
                .retryOnException(e -> true)
                .build();
        if (settings.enabled()) {
            LOG.info("event=welcome_mail_enabled smtp_host={} smtp_port={} tls={} starttls={} login={}",
                    settings.getHost(), settings.getPort(), settings.isTls(), settings.isStartTls(),
                    settings.getUsername() == null || settings.getUsername().isBlank() ? "none" : "set");
        } else {
            LOG.info("event=welcome_mail_disabled reason=\"SMTP_HOST is not set: welcome mails are recorded as "
                    + "disabled, none is sent\"");
        }
    }

    /**
     * Issues a new welcome mail (a new link; every older link of the tenant stops working) and
     * starts its delivery. {@code onlyFirst}: when the tenant already has one, that one's state is
     * returned and nothing is sent (the onboarding's activation, repeated, sends one mail).
     */
    public WelcomeEmailView send(PlatformPrincipal actor, TenantId id, boolean onlyFirst) {
        String token = newToken(id);
        String hash = sha256(token);
        Instant expires = clock.instant().plus(settings.linkTtl());
        String initial = settings.enabled() ? "pending" : "disabled";
        record Issued(WelcomeEmailView view, WelcomeMail mail, String recipient, boolean fresh) {
        }
        Issued issued = database.inTenant(id, handle -> {
            StoredTenant tenant = tenants.findForUpdate(handle, id).orElseThrow(TenantRegistry::notFound);
            TenantStatus status = TenantStatus.fromWire(tenant.status());
            if (status == TenantStatus.OFFBOARDED) {
                throw TenantRegistry.notFound();
            }
            if (onlyFirst) {
                Optional<StoredWelcomeEmail> existing = emails.latest(handle, id);
                if (existing.isPresent()) {
                    return new Issued(view(existing.get()), null, null, false);
                }
            }
            if (status != TenantStatus.ACTIVE) {
                throw ApiException.conflict("tenant_not_active", "a welcome mail is sent to active tenants only; the "
                        + "tenant is " + status.wireName());
            }
            emails.issue(handle, id, hash, tenant.adminContactEmail(), actor.name(), expires, initial);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("recipient", tenant.adminContactEmail());
            details.put("delivery", initial);
            details.put("link_expires_at", expires.toString());
            audit.record(handle, actor, "tenant.welcome_email_sent", id.value(), details);
            WelcomeMail mail = WelcomeMail.render(facts(tenant), link(token), expires);
            return new Issued(view(emails.find(handle, hash).orElseThrow()), mail, tenant.adminContactEmail(), true);
        });
        if (issued.fresh() && settings.enabled()) {
            deliverInBackground(id, hash, issued.recipient(), issued.mail());
        } else if (issued.fresh()) {
            LOG.info("event=welcome_mail_not_sent tenant_id={} reason=smtp_disabled", id.value());
        }
        return issued.view();
    }

    /** The tenant's latest welcome mail; 404 when none was ever issued. */
    public WelcomeEmailView status(TenantId id) {
        return database.inTenant(id, handle -> {
            tenants.find(handle, id).orElseThrow(TenantRegistry::notFound);
            return emails.latest(handle, id).map(this::view).orElseThrow(() -> ApiException.notFound(
                    "welcome_email_not_found", "no welcome mail was issued for this tenant"));
        });
    }

    /** What a reveal page may show before the button is pressed: the tenant, if the link may still be used. */
    public TenantId check(String token) {
        TenantId id = tenantOf(token);
        String hash = sha256(token);
        return database.inTenant(id, handle -> {
            StoredWelcomeEmail email = emails.find(handle, hash).orElseThrow(WelcomeEmails::unknownLink);
            refuseUnusable(email);
            liveTenant(tenants.find(handle, id).orElseThrow(WelcomeEmails::unknownLink));
            return id;
        });
    }

    /** The webhook secret, once: the link is used up in the same transaction that reads it. */
    public Revealed reveal(String token) {
        TenantId id = tenantOf(token);
        String hash = sha256(token);
        return database.inTenant(id, handle -> {
            StoredWelcomeEmail email = emails.find(handle, hash).orElseThrow(WelcomeEmails::unknownLink);
            StoredTenant tenant = liveTenant(tenants.find(handle, id).orElseThrow(WelcomeEmails::unknownLink));
            if (!emails.redeem(handle, hash)) {
                refuseUnusable(emails.find(handle, hash).orElse(email));
                throw linkGone("link_used", "This link has already been used: it works once.");
            }
            audit.record(handle, LINK_HOLDER, "tenant.webhook_secret_revealed", id.value(),
                    Map.of("link_created_at", email.createdAt().toString()));
            LOG.info("event=welcome_secret_revealed tenant_id={}", id.value());
            String secret = secrets.decrypt(id.value(), TenantSecrets.WEBHOOK_SECRET, tenant.webhookSecretCiphertext());
            WebhookAuthMode mode = WebhookAuthMode.fromWire(tenant.webhookAuthMode());
            return new Revealed(id, registry.webhookUrl(id), mode,
                    com.aiagents.platform.tenant.api.WebhookInstructions.headerFor(mode), secret);
        });
    }

    /** The revealed secret with what goes with it. Holds the secret: {@link #toString()} never prints it. */
    public record Revealed(TenantId tenantId, String webhookUrl, WebhookAuthMode mode, String header, String secret) {
        @Override
        public String toString() {
            return "Revealed[" + tenantId + ", secret redacted]";
        }
    }

    private void deliverInBackground(TenantId id, String hash, String recipient, WelcomeMail mail) {
        try {
            sender.execute(() -> deliver(id, hash, recipient, mail));
        } catch (RejectedExecutionException e) {
            recordDelivery(id, hash, "failed", 0, "the service was stopping; resend it");
        }
    }

    /** Sends with retries; records sent, or failed with the last error (its class and message, never a credential). */
    void deliver(TenantId id, String hash, String recipient, WelcomeMail mail) {
        AtomicInteger attempts = new AtomicInteger();
        Retry sending = Retry.of("welcome-mail", retry);
        sending.getEventPublisher().onRetry(event -> LOG.info("event=welcome_mail_retry tenant_id={} attempt={} "
                        + "wait_ms={} error=\"{}\"", id.value(), event.getNumberOfRetryAttempts(),
                event.getWaitInterval().toMillis(), describe(event.getLastThrowable())));
        try {
            Retry.decorateCheckedRunnable(sending, () -> {
                attempts.incrementAndGet();
                mailer.send(recipient, mail.subject(), mail.text(), clock.instant());
            }).run();
            recordDelivery(id, hash, "sent", attempts.get(), null);
            LOG.info("event=welcome_mail_sent tenant_id={} attempts={}", id.value(), attempts.get());
        } catch (Throwable e) {
            recordDelivery(id, hash, "failed", attempts.get(), describe(e));
            LOG.warn("event=welcome_mail_failed tenant_id={} attempts={} error=\"{}\"", id.value(), attempts.get(),
                    describe(e));
        }
    }

    private void recordDelivery(TenantId id, String hash, String delivery, int attempts, String error) {
        try {
            database.inTenant(id, handle -> {
                emails.recordDelivery(handle, hash, delivery, attempts, error);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("event=welcome_mail_outcome_not_stored tenant_id={} delivery={} error={}", id.value(), delivery,
                    e.getClass().getSimpleName());
        }
    }

    /** The exception's class and message: SMTP servers' replies and our connection errors, never the password. */
    static String describe(Throwable e) {
        if (e == null) {
            return "";
        }
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage().strip());
        text = text.replaceAll("\\s+", " ");
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) + "..." : text;
    }

    private WelcomeEmailView view(StoredWelcomeEmail e) {
        String link;
        if (e.revealedAt() != null) {
            link = "revealed";
        } else if (e.supersededAt() != null) {
            link = "superseded";
        } else if (!clock.instant().isBefore(e.expiresAt())) {
            link = "expired";
        } else {
            link = "unused";
        }
        return new WelcomeEmailView(e.tenantId(), e.delivery(), e.recipient(), e.requestedBy(), e.createdAt(),
                e.attempts(), e.deliveryError(), e.deliveredAt(), e.expiresAt(), link);
    }

    private WelcomeMail.Facts facts(StoredTenant t) {
        ServicedeskEdition edition = ServicedeskEdition.fromWire(t.servicedeskEdition());
        List<String> accounts = List.of();
        if (t.servicedeskMspJson() != null) {
            try {
                accounts = json.readValue(t.servicedeskMspJson(), MspSettings.class).accounts();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("servicedesk_msp of " + t.tenantId() + " is not readable", e);
            }
        }
        TenantId id = TenantId.of(t.tenantId());
        return new WelcomeMail.Facts(t.tenantId(), t.name(), edition, registry.webhookUrl(id),
                WebhookAuthMode.fromWire(t.webhookAuthMode()), accounts);
    }

    private String link(String token) {
        return settings.getLinkBaseUrl().replaceAll("/+$", "") + "/welcome/" + token;
    }

    /** {@code <tenant_id>.<43 characters of base64url>}: 256 random bits, and the tenant whose context to look in. */
    static String newToken(TenantId id) {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return id.value() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static TenantId tenantOf(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            throw unknownLink();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || token.length() - dot - 1 != 43 || !TenantId.isValid(token.substring(0, dot))) {
            throw unknownLink();
        }
        return TenantId.of(token.substring(0, dot));
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void refuseUnusable(StoredWelcomeEmail email) {
        if (email.revealedAt() != null) {
            throw linkGone("link_used", "This link has already been used: it works once.");
        }
        if (email.supersededAt() != null) {
            throw linkGone("link_superseded", "A newer welcome mail was sent: only the link in the latest one works.");
        }
        if (!clock.instant().isBefore(email.expiresAt())) {
            throw linkGone("link_expired", "This link has expired.");
        }
    }

    private static StoredTenant liveTenant(StoredTenant t) {
        TenantStatus status = TenantStatus.fromWire(t.status());
        if (status == TenantStatus.OFFBOARDED || status == TenantStatus.OFFBOARDING) {
            throw linkGone("tenant_offboarded", "The tenant is being offboarded: its secret is no longer shown.");
        }
        return t;
    }

    private static ApiException linkGone(String error, String message) {
        return new ApiException(410, error, message + " Ask your platform operator to send a new welcome mail.");
    }

    private static ApiException unknownLink() {
        return ApiException.notFound("link_unknown", "This link is not known: it may be incomplete or damaged. "
                + "Copy the whole link from the welcome mail.");
    }
}
