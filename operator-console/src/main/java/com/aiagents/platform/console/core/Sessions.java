package com.aiagents.platform.console.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Server-side sessions in a Caffeine cache: ids and CSRF tokens of 256 random bits, gone after the
 * idle timeout or when the person's access token expires (there is no refresh token: the person signs
 * in again). One replica's memory: behind several replicas, route a browser to the same one
 * (docs/console.md#sessions).
 */
public final class Sessions {
    private static final Base64.Encoder ID = Base64.getUrlEncoder().withoutPadding();
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Session> sessions;
    private final Clock clock;

    public Sessions(Duration idleTimeout, int maxSessions, Clock clock) {
        this.clock = clock;
        this.sessions = Caffeine.newBuilder().expireAfterAccess(idleTimeout).maximumSize(maxSessions).build();
    }

    /** A session for a browser that has not signed in yet (the sign-in form's CSRF token lives in it). */
    public Session anonymous() {
        return store(new Session(newId(), newId(), null, null, null));
    }

    /**
     * After a successful sign-in: a new session (new id, new CSRF token) replaces the anonymous one,
     * so an id planted before sign-in is worth nothing after it.
     */
    public Session signedIn(Session previous, Person person, String accessToken, Duration tokenLifetime) {
        if (previous != null) {
            sessions.invalidate(previous.id());
        }
        return store(new Session(newId(), newId(), person, accessToken, clock.instant().plus(tokenLifetime)));
    }

    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Session session = sessions.getIfPresent(id);
        if (session != null && session.expired(clock.instant())) {
            sessions.invalidate(id);
            return Optional.empty();
        }
        return Optional.ofNullable(session);
    }

    public void end(Session session) {
        if (session != null) {
            sessions.invalidate(session.id());
        }
    }

    /** Whether {@code presented} is this session's CSRF token (compared in constant time). */
    public static boolean csrfMatches(Session session, String presented) {
        if (session == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    public long size() {
        sessions.cleanUp();
        return sessions.estimatedSize();
    }

    private Session store(Session session) {
        sessions.put(session.id(), session);
        return session;
    }

    private String newId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return ID.encodeToString(bytes);
    }
}
