package com.aiagents.platform.console.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The console's side of signing in with OpenID Connect (tenant-service does the provider's part):
 * a random {@code state}, {@code nonce} and PKCE verifier per attempt, kept server-side against the
 * browser's pre-sign-in session for a few minutes and usable once.
 */
public final class OidcSignIn {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Attempt> attempts;

    /** One sign-in attempt: what the callback must check and send. */
    public record Attempt(String state, String nonce, String verifier, String redirectUri) {
        /** PKCE S256: BASE64URL(SHA-256(verifier)). */
        public String challenge() {
            try {
                return URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public OidcSignIn(Duration lifetime, int maxAttempts) {
        this.attempts = Caffeine.newBuilder().expireAfterWrite(lifetime).maximumSize(maxAttempts).build();
    }

    /** A new attempt for the pre-sign-in session {@code sessionId}, replacing any earlier one of it. */
    public Attempt start(String sessionId, String redirectUri) {
        Attempt attempt = new Attempt(random(), random(), random() + random(), redirectUri);
        attempts.put(sessionId, attempt);
        return attempt;
    }

    /** The session's attempt if {@code state} is its state; the attempt is used up either way. */
    public Optional<Attempt> finish(String sessionId, String state) {
        Attempt attempt = sessionId == null ? null : attempts.asMap().remove(sessionId);
        if (attempt == null || state == null
                || !MessageDigest.isEqual(attempt.state().getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(attempt);
    }

    private String random() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return URL.encodeToString(bytes);
    }
}
