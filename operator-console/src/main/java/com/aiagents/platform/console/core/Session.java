package com.aiagents.platform.console.core;

import java.time.Instant;

/**
 * One browser's session, kept in the console's memory only: the cookie holds its random id and
 * nothing else. The person's access token never leaves the server (not in the cookie, not in a page).
 */
public final class Session {
    private final String id;
    private final String csrfToken;
    private final Person person;
    private final String accessToken;
    private final Instant tokenExpiresAt;

    Session(String id, String csrfToken, Person person, String accessToken, Instant tokenExpiresAt) {
        this.id = id;
        this.csrfToken = csrfToken;
        this.person = person;
        this.accessToken = accessToken;
        this.tokenExpiresAt = tokenExpiresAt;
    }

    public String id() {
        return id;
    }

    /** The per-session token every state-changing form carries (hidden field {@code csrf}). */
    public String csrfToken() {
        return csrfToken;
    }

    /** Null before sign-in. */
    public Person person() {
        return person;
    }

    public boolean signedIn() {
        return person != null;
    }

    /** For the service calls only; never rendered. */
    public String accessToken() {
        return accessToken;
    }

    boolean expired(Instant now) {
        return tokenExpiresAt != null && !now.isBefore(tokenExpiresAt);
    }
}
