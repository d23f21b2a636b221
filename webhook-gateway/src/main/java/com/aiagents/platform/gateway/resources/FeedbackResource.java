package com.aiagents.platform.gateway.resources;

import com.aiagents.platform.common.feedback.FeedbackClaim;
import com.aiagents.platform.common.feedback.FeedbackTokenException;
import com.aiagents.platform.common.feedback.FeedbackTokens;
import com.aiagents.platform.common.feedback.FeedbackVote;
import com.aiagents.platform.gateway.core.FeedbackHandoff;
import com.aiagents.platform.gateway.core.FeedbackPage;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@code GET /feedback/{token}}: a page with a button, changing nothing (mail and link scanners follow
 * links; they do not submit forms). {@code POST /feedback/{token}} with the form field {@code vote}: the
 * vote, handed to the worker through Redis. A forged, altered or expired token is refused (4xx) and
 * nothing is handed over. Every answer is a small HTML page a person reads, with a strict
 * Content-Security-Policy; the token is never logged.
 */
@Path("/feedback/{token}")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class FeedbackResource {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackResource.class);
    /** Nothing but this page's own form: no script, style, image, frame or other origin. */
    static final String CSP = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final Optional<FeedbackTokens> tokens;
    private final FeedbackHandoff handoff;
    private final long retryAfterSeconds;

    public FeedbackResource(Optional<FeedbackTokens> tokens, FeedbackHandoff handoff, long retryAfterSeconds) {
        this.tokens = tokens;
        this.handoff = handoff;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @GET
    public Response page(@PathParam("token") String token) {
        return withClaim(token, claim -> html(200, FeedbackPage.confirm(claim.enhancementId(), claim.vote())));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response vote(@PathParam("token") String token, @FormParam("vote") String vote) {
        return withClaim(token, claim -> {
            Optional<FeedbackVote> chosen = vote == null || vote.isBlank()
                    ? Optional.of(claim.vote()) : FeedbackVote.fromWire(vote);
            if (chosen.isEmpty()) {
                return html(400, FeedbackPage.error("Unknown vote",
                        "The vote must be helpful or not_helpful. Nothing was recorded."));
            }
            String voteId;
            try {
                voteId = handoff.handOver(claim, chosen.get());
            } catch (JedisException e) {
                LOG.warn("event=feedback_vote_not_recorded tenant_id={} reason=redis_unavailable", claim.tenantId());
                return Response.fromResponse(html(503, FeedbackPage.error("Please try again",
                                "Your vote could not be recorded just now. Nothing was recorded; please press the "
                                        + "button again in a moment.")))
                        .header("Retry-After", retryAfterSeconds).build();
            }
            LOG.info("event=feedback_vote_received tenant_id={} enhancement_id={} vote={} vote_id={}",
                    claim.tenantId(), claim.enhancementId(), chosen.get().wireName(), voteId);
            return html(200, FeedbackPage.recorded(claim.enhancementId(), chosen.get()));
        });
    }

    private Response withClaim(String token, java.util.function.Function<FeedbackClaim, Response> then) {
        if (tokens.isEmpty()) {
            return html(404, FeedbackPage.error("Feedback is not enabled",
                    "Feedback links are not enabled on this platform."));
        }
        FeedbackClaim claim;
        try {
            claim = tokens.get().verify(token);
        } catch (FeedbackTokenException e) {
            LOG.info("event=feedback_token_refused reason={}", e.reason().name().toLowerCase(java.util.Locale.ROOT));
            int status = switch (e.reason()) {
                case MALFORMED -> 400;
                case BAD_SIGNATURE -> 403;
                // 410 Gone: the link worked once; a new note brings new links
                case EXPIRED -> 410;
            };
            return html(status, FeedbackPage.error("Link not accepted", e.getMessage() + " Nothing was recorded."));
        }
        return then.apply(claim);
    }

    private static Response html(int status, String page) {
        return Response.status(status).entity(page).type(MediaType.TEXT_HTML + ";charset=utf-8")
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                // the token is in the URL: no Referer carries it anywhere, no cache keeps the page
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .build();
    }
}
