package com.aiagents.platform.console.web;

import com.aiagents.platform.console.core.Api;
import com.aiagents.platform.console.core.Api.Reply;
import com.aiagents.platform.console.core.Api.Service;
import com.aiagents.platform.console.core.Session;
import com.aiagents.platform.console.core.Sessions;
import java.net.URI;

/**
 * The services called as the signed-in person. A 401 means the person's token is no longer good
 * (expired, signed out elsewhere, account deleted): the session ends and the browser goes to the
 * sign-in page.
 */
public final class AsPerson {
    private final Api api;
    private final Sessions sessions;

    public AsPerson(Api api, Sessions sessions) {
        this.api = api;
        this.sessions = sessions;
    }

    public Reply get(Session session, Service service, String pathAndQuery) {
        return checked(session, api.get(service, pathAndQuery, session.accessToken()));
    }

    public Reply post(Session session, Service service, String path, Object body) {
        return checked(session, api.post(service, path, session.accessToken(), body));
    }

    public Reply post(Session session, Service service, String path, Object body, java.util.Map<String, String> headers) {
        return checked(session, api.post(service, path, session.accessToken(), body, headers));
    }

    public Reply put(Session session, Service service, String path, Object body) {
        return checked(session, api.put(service, path, session.accessToken(), body));
    }

    public Reply delete(Session session, Service service, String path) {
        return checked(session, api.delete(service, path, session.accessToken()));
    }

    /** A side lookup (a page's extra column): its 401 says nothing about the session, which stays. */
    public Reply lookup(Session session, Service service, String pathAndQuery) {
        return api.get(service, pathAndQuery, session.accessToken());
    }

    /** For a background call whose answer no page waits for (a gate run): no redirect possible. */
    public Reply postSlow(Session session, Service service, String path, Object body) {
        return api.postSlow(service, path, session.accessToken(), body);
    }

    private Reply checked(Session session, Reply reply) {
        if (reply.status() == 401) {
            sessions.end(session);
            throw new PageException(303, URI.create("/login"));
        }
        return reply;
    }
}
