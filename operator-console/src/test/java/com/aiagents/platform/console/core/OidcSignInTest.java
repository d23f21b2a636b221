package com.aiagents.platform.console.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OidcSignInTest {
    private final OidcSignIn attempts = new OidcSignIn(Duration.ofMinutes(10), 1000);

    @Test
    void theChallengeIsS256OfTheVerifier() {
        // RFC 7636 appendix B's example
        OidcSignIn.Attempt attempt = new OidcSignIn.Attempt("s", "n", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "r");
        assertThat(attempt.challenge()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void anAttemptFinishesOnceWithItsOwnStateOnly() {
        OidcSignIn.Attempt attempt = attempts.start("session-1", "https://console.example/oidc/callback");
        assertThat(attempt.state()).isNotEqualTo(attempt.nonce()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(attempt.verifier()).hasSizeGreaterThanOrEqualTo(43).hasSizeLessThanOrEqualTo(128);

        assertThat(attempts.finish("session-2", attempt.state())).as("another browser's session").isEmpty();
        assertThat(attempts.finish("session-1", attempt.state())).contains(attempt);
        assertThat(attempts.finish("session-1", attempt.state())).as("used up").isEmpty();
    }

    @Test
    void aWrongStateUsesTheAttemptUp() {
        OidcSignIn.Attempt attempt = attempts.start("session-3", "https://console.example/oidc/callback");
        assertThat(attempts.finish("session-3", attempt.state() + "x")).isEmpty();
        assertThat(attempts.finish("session-3", attempt.state())).isEmpty();
        assertThat(attempts.finish(null, null)).isEmpty();
    }
}
