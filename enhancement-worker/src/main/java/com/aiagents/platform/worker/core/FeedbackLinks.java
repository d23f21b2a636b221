package com.aiagents.platform.worker.core;

import com.aiagents.platform.common.feedback.FeedbackClaim;
import com.aiagents.platform.common.feedback.FeedbackTokens;
import com.aiagents.platform.common.feedback.FeedbackVote;
import com.aiagents.platform.worker.synthesis.NoteRenderer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The two links at the end of every note (docs/feedback.md): {@code <gateway>/feedback/<token>} for
 * "Helpful" and "Not helpful", each token signed for the tenant and the enhancement and expiring after
 * {@code linkTtl}. Without a configured base URL and key the notes carry no links.
 */
public final class FeedbackLinks {
    private final String baseUrl;
    private final FeedbackTokens tokens;
    private final Duration ttl;
    private final Clock clock;

    private FeedbackLinks(String baseUrl, FeedbackTokens tokens, Duration ttl, Clock clock) {
        this.baseUrl = baseUrl;
        this.tokens = tokens;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Off: no links. */
    public static FeedbackLinks none() {
        return new FeedbackLinks(null, null, Duration.ZERO, Clock.systemUTC());
    }

    public static FeedbackLinks signedWith(String baseUrl, FeedbackTokens tokens, Duration ttl, Clock clock) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return new FeedbackLinks(base, tokens, ttl, clock);
    }

    public Optional<NoteRenderer.FeedbackUrls> forEnhancement(String tenantId, long enhancementId) {
        if (tokens == null) {
            return Optional.empty();
        }
        return Optional.of(new NoteRenderer.FeedbackUrls(url(tenantId, enhancementId, FeedbackVote.HELPFUL),
                url(tenantId, enhancementId, FeedbackVote.NOT_HELPFUL)));
    }

    private String url(String tenantId, long enhancementId, FeedbackVote vote) {
        // base64url and dots only: nothing to escape in a path segment
        return baseUrl + "/feedback/" + tokens.sign(new FeedbackClaim(tenantId, enhancementId, vote,
                clock.instant().plus(ttl)));
    }
}
