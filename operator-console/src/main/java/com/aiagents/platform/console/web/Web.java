package com.aiagents.platform.console.web;

import com.aiagents.platform.console.core.Person;
import com.aiagents.platform.console.core.Session;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;

/** What the resources ask of a request: its session, and the refusals every page shares. */
public final class Web {
    static final String SESSION = "console.session";

    private Web() {
    }

    /** The request's session, or null. */
    public static Session session(ContainerRequestContext request) {
        return (Session) request.getProperty(SESSION);
    }

    /** The signed-in session, or a redirect to the sign-in page. */
    public static Session signedIn(ContainerRequestContext request) {
        Session session = session(request);
        if (session == null || !session.signedIn()) {
            throw new PageException(303, URI.create("/login"));
        }
        return session;
    }

    /** MSP staff only: anyone else (a tenant user) gets 404, as if the page did not exist. */
    public static Session staff(ContainerRequestContext request) {
        Session session = signedIn(request);
        if (!session.person().staff()) {
            throw PageException.notFound();
        }
        return session;
    }

    /** A page of one tenant: a tenant user asking for another tenant's gets 404 (no existence oracle). */
    public static Session seeing(ContainerRequestContext request, String tenant) {
        Session session = signedIn(request);
        if (!session.person().sees(tenant)) {
            throw PageException.notFound();
        }
        return session;
    }

    /** An action the person's role may not do: 403, whatever page it came from. */
    public static void allowed(Person person, boolean allowed) {
        if (!allowed) {
            throw new PageException(403, "Not allowed", "Your role (" + person.role() + ") may not do this.");
        }
    }
}
