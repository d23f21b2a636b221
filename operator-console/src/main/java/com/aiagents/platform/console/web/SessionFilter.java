package com.aiagents.platform.console.web;

import com.aiagents.platform.console.core.Session;
import com.aiagents.platform.console.core.Sessions;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Finds the request's session from its cookie, and refuses every state-changing request (anything
 * but GET and HEAD) that does not carry the session's CSRF token, as the form field {@code csrf} or
 * the header {@code X-CSRF-Token}: 403, before any resource runs. The sign-in form is no exception
 * (its token belongs to the anonymous session the sign-in page started). The one exception is signing
 * out without any session (it timed out): that only clears the cookie.
 */
@Priority(Priorities.AUTHENTICATION)
public final class SessionFilter implements ContainerRequestFilter {
    static final String CSRF_FIELD = "csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final int MAX_FORM = 1024 * 1024;

    private final Sessions sessions;
    private final SessionCookie cookie;
    private final Pages pages;

    public SessionFilter(Sessions sessions, SessionCookie cookie, Pages pages) {
        this.sessions = sessions;
        this.cookie = cookie;
        this.pages = pages;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        Cookie presented = request.getCookies().get(cookie.name());
        Session session = presented == null ? null : sessions.find(presented.getValue()).orElse(null);
        request.setProperty(Web.SESSION, session);
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return;
        }
        if (session == null && "logout".equals(request.getUriInfo().getPath())) {
            return; // signing out of a session already gone (idle timeout): nothing to protect, just clear the cookie
        }
        String token = request.getHeaderString(CSRF_HEADER);
        if (token == null && MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(request.getMediaType())) {
            byte[] body = request.getEntityStream().readNBytes(MAX_FORM);
            request.setEntityStream(new ByteArrayInputStream(body));
            token = formField(new String(body, StandardCharsets.US_ASCII), CSRF_FIELD);
        }
        if (!Sessions.csrfMatches(session, token)) {
            request.abortWith(pages.error(403, "Refused",
                    "This form has expired or did not come from this console. Go back, reload the page and try again.",
                    session));
        }
    }

    static String formField(String form, String name) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && name.equals(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8))) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
