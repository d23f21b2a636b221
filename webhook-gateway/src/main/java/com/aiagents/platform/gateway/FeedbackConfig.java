package com.aiagents.platform.gateway;

import com.aiagents.platform.common.feedback.FeedbackTokens;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The {@code feedback:} section (docs/feedback.md): the platform's feedback signing key, which verifies
 * the tokens of the links in the notes (the worker signs them with the same key; no other pod holds it),
 * and during a rotation the previous key, still accepted. Empty: {@code /feedback} answers that feedback
 * is not enabled.
 */
public class FeedbackConfig {
    /** Null (an unset variable substitutes to an empty YAML value) reads as empty. */
    private String signingKey = "";
    private String previousSigningKey = "";

    @JsonProperty public String getSigningKey() { return signingKey; }
    @JsonProperty public void setSigningKey(String signingKey) { this.signingKey = signingKey; }
    @JsonProperty public String getPreviousSigningKey() { return previousSigningKey; }
    @JsonProperty public void setPreviousSigningKey(String previousSigningKey) { this.previousSigningKey = previousSigningKey; }

    public Optional<FeedbackTokens> tokens(Clock clock) {
        if (signingKey == null || signingKey.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new FeedbackTokens(signingKey,
                previousSigningKey == null ? List.of() : List.of(previousSigningKey), clock));
    }
}
