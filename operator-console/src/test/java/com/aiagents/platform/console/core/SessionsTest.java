package com.aiagents.platform.console.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T00:00:00Z"));
    private final Sessions sessions = new Sessions(Duration.ofMinutes(15), 1000, clock);
    private final Person operator = new Person("u1", "ops@msp.example", "operator", null);

    @Test
    void idsAndCsrfTokensAre256RandomBitsAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Session session = sessions.anonymous();
            assertThat(session.id()).matches("[A-Za-z0-9_-]{43}");
            assertThat(session.csrfToken()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(session.id());
            assertThat(seen.add(session.id())).isTrue();
            assertThat(seen.add(session.csrfToken())).isTrue();
        }
    }

    @Test
    void signingInReplacesTheAnonymousSessionWithANewIdAndToken() {
        Session anonymous = sessions.anonymous();
        Session signedIn = sessions.signedIn(anonymous, operator, "access-token", Duration.ofMinutes(15));
        assertThat(signedIn.id()).isNotEqualTo(anonymous.id());
        assertThat(signedIn.csrfToken()).isNotEqualTo(anonymous.csrfToken());
        assertThat(sessions.find(anonymous.id())).isEmpty();
        assertThat(sessions.find(signedIn.id())).containsSame(signedIn);
        assertThat(signedIn.person()).isEqualTo(operator);
    }

    @Test
    void aSessionEndsWhenItsAccessTokenExpires() {
        Session session = sessions.signedIn(null, operator, "access-token", Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(4));
        assertThat(sessions.find(session.id())).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(sessions.find(session.id())).isEmpty();
    }

    @Test
    void theCsrfTokenMustBeTheSessionsOwn() {
        Session one = sessions.anonymous();
        Session other = sessions.anonymous();
        assertThat(Sessions.csrfMatches(one, one.csrfToken())).isTrue();
        assertThat(Sessions.csrfMatches(one, other.csrfToken())).isFalse();
        assertThat(Sessions.csrfMatches(one, null)).isFalse();
        assertThat(Sessions.csrfMatches(null, one.csrfToken())).isFalse();
        assertThat(Sessions.csrfMatches(one, "")).isFalse();
    }

    @Test
    void unknownAndEndedSessionsAreNotFound() {
        Session session = sessions.anonymous();
        assertThat(sessions.find(null)).isEmpty();
        assertThat(sessions.find("")).isEmpty();
        assertThat(sessions.find("not-a-session")).isEmpty();
        sessions.end(session);
        assertThat(sessions.find(session.id())).isEmpty();
    }

    @Test
    void aTenantUserSeesItsOwnTenantOnlyAndStaffSeeAll() {
        Person lead = new Person("u2", "lead@acme.example", "tenant_admin", "acme");
        Person viewer = new Person("u3", "v@msp.example", "viewer", null);
        assertThat(lead.sees("acme")).isTrue();
        assertThat(lead.sees("globex")).isFalse();
        assertThat(lead.staff()).isFalse();
        assertThat(lead.mayRotateSecret("acme")).isTrue();
        assertThat(lead.mayRotateSecret("globex")).isFalse();
        assertThat(new Person("u4", "r@acme.example", "tenant_viewer", "acme").mayRotateSecret("acme")).isFalse();
        assertThat(viewer.sees("globex")).isTrue();
        assertThat(viewer.staffChanges()).isFalse();
        assertThat(viewer.mayRotateSecret("globex")).isFalse();
        assertThat(operator.staffChanges()).isTrue();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
