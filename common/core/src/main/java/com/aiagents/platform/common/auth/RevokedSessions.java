package com.aiagents.platform.common.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions tenant-service has revoked, as this service knows them: tenant-service's feed
 * ({@code GET /internal/v1/auth/revoked-sessions?since=}) is read every poll interval, and a
 * session it lists is refused from then on. When the feed has not been read for longer than the
 * staleness bound, every person's token is refused (fail closed) until it is read again: so a
 * revoked session stops working everywhere at most {@code revocationMaxStaleness} after its
 * revocation. A revocation is remembered for the longest token lifetime (plus the clock skew), after
 * which no token of that session can still be valid.
 */
final class RevokedSessions implements Managed, SessionStatus {
    private static final Logger LOG = LoggerFactory.getLogger(RevokedSessions.class);

    /** What the feed says: everything revoked at or after {@code since}, as of {@code asOf}. */
    interface Feed {
        Page read(Instant since) throws IOException;
    }

    record Page(Instant asOf, Map<String, Instant> revoked) {
        /** Parses the feed's body; the body is ours, but a wrong one is an error, not an empty list. */
        static Page parse(ObjectMapper json, String body) throws IOException {
            JsonNode root = json.readTree(body);
            if (root == null || !root.path("as_of").isTextual() || !root.path("revoked").isArray()) {
                throw new IOException("the revoked-sessions feed answered without as_of and revoked");
            }
            try {
                Map<String, Instant> revoked = new LinkedHashMap<>();
                for (JsonNode entry : root.get("revoked")) {
                    if (!entry.path("sid").isTextual() || !entry.path("revoked_at").isTextual()) {
                        throw new IOException("a revoked-sessions entry lacks sid or revoked_at");
                    }
                    revoked.put(entry.get("sid").asText(), Instant.parse(entry.get("revoked_at").asText()));
                }
                return new Page(Instant.parse(root.get("as_of").asText()), revoked);
            } catch (DateTimeParseException e) {
                throw new IOException("the revoked-sessions feed has a time that is not ISO-8601", e);
            }
        }
    }

    private final Feed feed;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration maxStaleness;
    private final Duration retention;
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private volatile Instant lastRead;
    private volatile Instant nextSince;
    private volatile boolean failing;
    private volatile Instant lastWarned;
    /** A feed that stays down is logged once on failing, then at most once a minute. */
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);
    private ScheduledExecutorService poller;

    /**
     * @param retention how long a revocation is remembered: the longest token lifetime plus the skew
     */
    RevokedSessions(Feed feed, Clock clock, Duration pollInterval, Duration maxStaleness, Duration retention) {
        this.feed = feed;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.maxStaleness = maxStaleness;
        this.retention = retention;
    }

    @Override
    public void start() {
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "revoked-sessions-poller");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    /** One read of the feed; never throws (a failure is logged and leaves the last read as it was). */
    void poll() {
        Instant started = clock.instant();
        Instant since = nextSince != null ? nextSince : started.minus(retention);
        try {
            Page page = feed.read(since);
            revoked.putAll(page.revoked());
            Instant forgetBefore = started.minus(retention);
            revoked.values().removeIf(at -> at.isBefore(forgetBefore));
            // read again from a little before as_of: a revocation committed while we read is not missed
            nextSince = page.asOf().minus(pollInterval);
            lastRead = started;
            if (failing) {
                LOG.info("event=revocation_feed_recovered revoked_sessions={}", revoked.size());
                failing = false;
            }
        } catch (IOException | RuntimeException e) {
            Instant now = clock.instant();
            if (!failing || lastWarned == null || Duration.between(lastWarned, now).compareTo(WARN_EVERY) >= 0) {
                LOG.warn("event=revocation_feed_unreadable last_read={} problem=\"{}\" people's tokens are refused while"
                                + " the last read is older than {} ms", lastRead, describe(e), maxStaleness.toMillis());
                lastWarned = now;
            }
            failing = true;
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.replace('"', '\''));
    }

    /** Why a token of {@code sessionId} must be refused now, or null when it may pass. */
    @Override
    public String refusal(String sessionId) {
        Instant read = lastRead;
        if (read == null || Duration.between(read, clock.instant()).compareTo(maxStaleness) > 0) {
            return "revocation_feed_stale";
        }
        return revoked.containsKey(sessionId) ? "session_revoked" : null;
    }

    /** Seconds since the feed was last read, or -1 before the first read (for the gauge). */
    double ageSeconds() {
        Instant read = lastRead;
        return read == null ? -1 : Duration.between(read, clock.instant()).toMillis() / 1000.0;
    }
}
