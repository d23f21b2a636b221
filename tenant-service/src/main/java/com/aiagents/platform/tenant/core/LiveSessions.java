package com.aiagents.platform.tenant.core;

import com.aiagents.platform.common.auth.SessionStatus;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.tenant.db.SessionRepository;
import java.util.UUID;

/**
 * tenant-service's own answer to "may this session still be used?", for the shared token verifier:
 * the session must be in {@code user_sessions}, not revoked and not expired. Read from the database
 * on every request, so a sign-out, a deleted or disabled user or an offboarded tenant's users are
 * refused here at once (the other services learn it from the revoked-sessions feed).
 */
public final class LiveSessions implements SessionStatus {
    private final TenantDatabase database;
    private final SessionRepository sessions;

    public LiveSessions(TenantDatabase database, SessionRepository sessions) {
        this.database = database;
        this.sessions = sessions;
    }

    @Override
    public String refusal(String sessionId) {
        UUID sid;
        try {
            sid = UUID.fromString(sessionId);
        } catch (IllegalArgumentException e) {
            return "session_unknown";
        }
        return database.withoutTenant(handle -> sessions.live(handle, sid)) ? null : "session_revoked";
    }
}
