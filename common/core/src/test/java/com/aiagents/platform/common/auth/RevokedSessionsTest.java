package com.aiagents.platform.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.JsonMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The revocation bound on a clock the test moves (no waiting): a listed session is refused, a feed
 * older than the bound refuses every session (fail closed) until it is read again, reads continue
 * from just before the last {@code as_of}, and revocations are forgotten only after the retention.
 */
class RevokedSessionsTest {
    private static final Duration POLL = Duration.ofSeconds(10);
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final Duration RETENTION = Duration.ofMinutes(61);

    /** A feed answering what the test puts in it, recording each {@code since}. */
    private static final class Feed implements RevokedSessions.Feed {
        final Map<String, Instant> revoked = new LinkedHashMap<>();
        final List<Instant> sinces = new ArrayList<>();
        MovableClock clock;
        boolean down;

        @Override
        public RevokedSessions.Page read(Instant since) throws IOException {
            sinces.add(since);
            if (down) {
                throw new IOException("tenant-service unreachable");
            }
            Map<String, Instant> page = new LinkedHashMap<>();
            revoked.forEach((sid, at) -> {
                if (!at.isBefore(since)) {
                    page.put(sid, at);
                }
            });
            return new RevokedSessions.Page(clock.instant(), page);
        }
    }

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-05T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void pass(Duration duration) {
            now = now.plus(duration);
        }
    }

    private final MovableClock clock = new MovableClock();
    private final Feed feed = new Feed();
    private final RevokedSessions sessions;

    RevokedSessionsTest() {
        feed.clock = clock;
        sessions = new RevokedSessions(feed, clock, POLL, BOUND, RETENTION);
    }

    @Test
    void nothingPassesBeforeTheFirstRead() {
        assertThat(sessions.refusal("s1")).isEqualTo("revocation_feed_stale");
        sessions.poll();
        assertThat(sessions.refusal("s1")).isNull();
        assertThat(feed.sinces).containsExactly(clock.now.minus(RETENTION));
    }

    @Test
    void aListedSessionIsRefusedAndOthersPass() {
        sessions.poll();
        clock.pass(POLL);
        feed.revoked.put("s1", clock.now.minusSeconds(1));
        sessions.poll();
        assertThat(sessions.refusal("s1")).isEqualTo("session_revoked");
        assertThat(sessions.refusal("s2")).isNull();
        // the second read started a poll interval before the first answer's as_of
        assertThat(feed.sinces.get(1)).isEqualTo(clock.now.minus(POLL).minus(POLL));
    }

    @Test
    void aFeedOlderThanTheBoundRefusesEveryoneUntilReadAgain() {
        sessions.poll();
        feed.down = true;
        clock.pass(BOUND);
        sessions.poll();
        assertThat(sessions.refusal("s1")).as("exactly at the bound").isNull();
        clock.pass(Duration.ofMillis(1));
        sessions.poll();
        assertThat(sessions.refusal("s1")).isEqualTo("revocation_feed_stale");
        feed.down = false;
        sessions.poll();
        assertThat(sessions.refusal("s1")).isNull();
    }

    @Test
    void revocationsAreForgottenOnlyAfterTheRetention() {
        feed.revoked.put("s1", clock.now);
        sessions.poll();
        clock.pass(RETENTION.minusSeconds(1));
        sessions.poll();
        assertThat(sessions.refusal("s1")).isEqualTo("session_revoked");
        clock.pass(Duration.ofSeconds(2));
        sessions.poll();
        assertThat(sessions.refusal("s1")).isNull();
    }

    @Test
    void theFeedsBodyIsParsedAndAWrongOneIsAnError() throws IOException {
        RevokedSessions.Page page = RevokedSessions.Page.parse(JsonMapper.create(),
                "{\"as_of\": \"2026-12-05T12:00:00Z\", \"revoked\": [{\"sid\": \"s1\", \"revoked_at\": \"2026-12-05T11:59:00Z\"}]}");
        assertThat(page.asOf()).isEqualTo(Instant.parse("2026-12-05T12:00:00Z"));
        assertThat(page.revoked()).containsEntry("s1", Instant.parse("2026-12-05T11:59:00Z"));
        for (String wrong : List.of("{}", "{\"as_of\": \"yesterday\", \"revoked\": []}",
                "{\"as_of\": \"2026-12-05T12:00:00Z\", \"revoked\": [{\"sid\": \"s1\"}]}")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RevokedSessions.Page.parse(JsonMapper.create(), wrong))
                    .isInstanceOf(IOException.class);
        }
    }
}
