package com.aiagents.platform.console.web;

/**
 * The session cookie: the session's random id only, {@code HttpOnly}, {@code SameSite=Lax} (Strict
 * would drop it on an OpenID Connect provider's redirect back), {@code Secure} when served over TLS
 * (CONSOLE_SECURE_COOKIES), {@code Path=/}, no {@code Max-Age} (a browser session; the server forgets
 * it after the idle timeout anyway).
 */
public final class SessionCookie {
    private final String name;
    private final boolean secure;

    public SessionCookie(boolean secure) {
        this.name = secure ? "__Host-console_session" : "console_session";
        this.secure = secure;
    }

    public String name() {
        return name;
    }

    /** The {@code Set-Cookie} value that hands the browser {@code sessionId}. */
    public String set(String sessionId) {
        return name + "=" + sessionId + "; Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that makes the browser forget it. */
    public String clear() {
        return name + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }
}
