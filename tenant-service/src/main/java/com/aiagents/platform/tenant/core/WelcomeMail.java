package com.aiagents.platform.tenant.core;

import com.aiagents.platform.api.ServicedeskEdition;
import com.aiagents.platform.api.WebhookAuthMode;
import com.aiagents.platform.tenant.api.WebhookInstructions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The welcome mail's text (docs/sdp-integration.md#2-pointing-sdps-webhook-at-the-platform): the
 * webhook's URL and header for the tenant's webhook mode, where the edition keeps its webhook
 * settings, and the one-time link to the secret. It never holds a secret: the caller gives it none.
 */
public record WelcomeMail(String subject, String text) {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** What the mail is about; {@code mspAccounts}: the accounts an MSP tenant covers (empty: every one). */
    public record Facts(String tenantId, String tenantName, ServicedeskEdition edition, String webhookUrl,
                        WebhookAuthMode mode, List<String> mspAccounts) {
    }

    public static WelcomeMail render(Facts facts, String revealLink, Instant linkExpiresAt) {
        StringBuilder t = new StringBuilder();
        t.append("Hello,\n\n")
                .append("your tenant \"").append(facts.tenantName()).append("\" (").append(facts.tenantId())
                .append(") is active on the AI Agents Platform. One step remains on your side: point ServiceDesk Plus's ")
                .append("webhook at the platform, so new requests are enhanced.\n\n");
        t.append("1. Get the webhook secret\n\n")
                .append("   Open this link and press the button to see the secret, once:\n\n   ")
                .append(revealLink).append("\n\n")
                .append("   The link works once and until ").append(WHEN.format(linkExpiresAt))
                .append(". It is not the secret itself: this mail contains no secret. If the link has been used or ")
                .append("has expired, ask your platform operator to send a new welcome mail.\n\n");
        t.append("2. Create the webhook in ServiceDesk Plus ").append(editionName(facts.edition())).append("\n\n")
                .append("   ").append(where(facts.edition())).append("\n\n");
        t.append("   Method:        POST\n")
                .append("   URL:           ").append(facts.webhookUrl()).append('\n')
                .append("   Content type:  application/json\n");
        String header = WebhookInstructions.headerFor(facts.mode());
        if (facts.mode() == WebhookAuthMode.TOKEN) {
            t.append("   Custom header: ").append(header).append(": <the webhook secret from step 1>\n")
                    .append("   Payload:       {\"ticket_id\": \"$RequestId\", \"event\": \"request_created\"}\n\n")
                    .append("   Pick the request id variable from the payload editor's variable picker if $RequestId is ")
                    .append("not offered. Keep the header value secret: whoever holds it can submit work for your tenant.\n\n");
        } else {
            t.append("   Signature:     ").append(header)
                    .append(": the hex HMAC-SHA256 of the raw request body, keyed with the webhook secret from step 1\n")
                    .append("   Payload:       {\"ticket_id\": \"$RequestId\", \"event\": \"request_created\"}\n\n")
                    .append("   ServiceDesk Plus cannot compute this signature by itself: send the request from a ")
                    .append(facts.edition() == ServicedeskEdition.CLOUD ? "custom function (Deluge)" : "custom script action")
                    .append(" that signs the body, or through a small relay that re-posts the exact body with the header, ")
                    .append("e.g. echo -n \"$BODY\" | openssl dgst -sha256 -hmac \"$SECRET\". If neither is possible, ")
                    .append("ask your operator to switch the tenant to token mode.\n\n");
        }
        t.append("3. Make a rule fire it\n\n")
                .append("   A custom trigger (business rule) on \"request created\" with the action \"invoke webhook\"; ")
                .append("add one on \"request edited\" (event request_updated) if updates should be enhanced too.\n\n");
        if (facts.edition() == ServicedeskEdition.MSP) {
            t.append("   MSP edition: one webhook on the instance serves every customer account. ");
            if (facts.mspAccounts() == null || facts.mspAccounts().isEmpty()) {
                t.append("Your tenant covers every account of the instance.");
            } else {
                t.append("Your tenant covers these accounts: ").append(String.join(", ", facts.mspAccounts()))
                        .append("; requests of other accounts are not enhanced.");
            }
            t.append(" Notes are private to technicians and use only the context of the ticket's own account.\n\n");
        }
        t.append("4. Check it\n\n")
                .append("   Create a test request in ServiceDesk Plus: a note from the platform appears on it within a minute ")
                .append("or two. If none does, check the URL, the secret and the trigger, or ask your platform operator.\n\n")
                .append("-- \nAI Agents Platform\n");
        return new WelcomeMail("Your AI Agents Platform tenant " + facts.tenantId()
                + " is active: set up the ServiceDesk Plus webhook", t.toString());
    }

    static String editionName(ServicedeskEdition edition) {
        return switch (edition) {
            case ONPREM -> "(on-premises)";
            case CLOUD -> "Cloud";
            case MSP -> "MSP";
        };
    }

    /** Where the edition keeps its webhook settings (menu names move between releases). */
    static String where(ServicedeskEdition edition) {
        return switch (edition) {
            case ONPREM -> "Admin > Automation > Webhooks (search the admin page for \"Webhooks\" if the menu moved).";
            case CLOUD -> "Setup > Automation > Webhooks (search the setup page for \"Webhooks\" if the menu moved).";
            case MSP -> "Admin > Integrations > Webhooks, on the MSP instance itself (not per account).";
        };
    }
}
