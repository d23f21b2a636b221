package com.aiagents.platform.worker;

import com.aiagents.platform.common.feedback.FeedbackTokens;
import com.aiagents.platform.worker.core.FeedbackLinks;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.List;

/**
 * The {@code feedback:} section (docs/feedback.md): where the links in each note point (the gateway's
 * public URL) and the key that signs their tokens, the platform's feedback signing key, which only the
 * worker (signs) and the gateway (verifies) hold. No key: notes carry no links (the base URL may stay in
 * the shared configuration); a key without a base URL is a configuration error, refused at start-up.
 */
public class FeedbackSettings {
    /** Null (an unset variable substitutes to an empty YAML value) reads as empty. */
    @JsonProperty("baseUrl") private String baseUrl = "";
    @JsonProperty("signingKey") private String signingKey = "";
    /** How long a link works; after it the gateway answers that the link has expired. */
    @NotNull @JsonProperty("linkTtl") private Duration linkTtl = Duration.days(30);

    public String getBaseUrl() { return baseUrl; }
    public String getSigningKey() { return signingKey; }
    public Duration getLinkTtl() { return linkTtl; }

    public FeedbackLinks links(Clock clock) {
        boolean url = baseUrl != null && !baseUrl.isBlank();
        boolean key = signingKey != null && !signingKey.isBlank();
        if (!key) {
            return FeedbackLinks.none();
        }
        if (!url) {
            throw new IllegalStateException("feedback.signingKey (FEEDBACK_SIGNING_KEY) is set but feedback.baseUrl "
                    + "(FEEDBACK_BASE_URL, the webhook-gateway's public URL) is not: the links would lead nowhere");
        }
        if (!baseUrl.startsWith("https://") && !baseUrl.startsWith("http://")) {
            throw new IllegalStateException("feedback.baseUrl must be an http(s) URL of the webhook-gateway");
        }
        return FeedbackLinks.signedWith(baseUrl, new FeedbackTokens(signingKey, List.of(), clock),
                linkTtl.toJavaDuration(), clock);
    }
}
