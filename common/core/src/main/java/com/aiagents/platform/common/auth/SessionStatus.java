package com.aiagents.platform.common.auth;

/**
 * Whether a person's session (the token's {@code sid}) may still be used. Every service but
 * tenant-service asks {@link RevokedSessions} (tenant-service's revoked-sessions feed, within the
 * staleness bound); tenant-service, which keeps the sessions, asks its own database, so a revocation
 * takes effect there at once ({@link PlatformAuth#registerIssuer}).
 */
public interface SessionStatus {
    /**
     * Why a token of {@code sessionId} must be refused now, as a short reason slug for the DEBUG log
     * ({@code session_revoked}, ...), or null when it may pass. Never throws for an unknown session.
     */
    String refusal(String sessionId);
}
