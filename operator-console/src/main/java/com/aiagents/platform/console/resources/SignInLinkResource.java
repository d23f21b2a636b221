package com.aiagents.platform.console.resources;

import com.aiagents.platform.console.core.Api;
import com.aiagents.platform.console.core.Api.Reply;
import com.aiagents.platform.console.core.Api.Service;
import com.aiagents.platform.console.core.Person;
import com.aiagents.platform.console.core.Session;
import com.aiagents.platform.console.core.Sessions;
import com.aiagents.platform.console.web.Pages;
import com.aiagents.platform.console.web.SessionCookie;
import com.aiagents.platform.console.web.Web;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Signing in with a one-time link (docs/console.md#one-time-sign-in-links): {@code GET /sign-in/link?code=}
 * only shows a page with one button, so a link scanner that fetches the link signs nobody in; the
 * button's POST (CSRF-checked by {@code SessionFilter}, with the token of the session the page started)
 * redeems the code at tenant-service ({@code POST /v1/auth/sign-in-links/redeem}) and starts a signed-in
 * session with a fresh id. The request log holds paths without their query string, so not the code.
 */
@Path("/sign-in/link")
@Produces(MediaType.TEXT_HTML)
public final class SignInLinkResource {
    private static final int MAX_CODE = 100;
    private final Api api;
    private final Sessions sessions;
    private final SessionCookie cookie;
    private final Pages pages;

    public SignInLinkResource(Api api, Sessions sessions, SessionCookie cookie, Pages pages) {
        this.api = api;
        this.sessions = sessions;
        this.cookie = cookie;
        this.pages = pages;
    }

    @GET
    public Response confirm(@Context ContainerRequestContext request, @QueryParam("code") String code) {
        if (code == null || code.isEmpty() || code.length() > MAX_CODE) {
            return signInPage(400, Web.session(request), "This sign-in link is incomplete. Ask for a new one.");
        }
        Session session = Web.session(request);
        Session current = session != null ? session : sessions.anonymous();
        Response page = pages.page(200, "sign-in-link", "Sign in with a one-time link", current, Map.of("code", code));
        return withCookie(page, session, current);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response redeem(@Context ContainerRequestContext request, @FormParam("code") String code) {
        Session previous = Web.session(request);
        if (code == null || code.isEmpty() || code.length() > MAX_CODE) {
            return signInPage(400, previous, "This sign-in link is incomplete. Ask for a new one.");
        }
        Reply reply = api.post(Service.TENANT_SERVICE, "/v1/auth/sign-in-links/redeem", null, Map.of("code", code));
        if (reply.status() == 401 || reply.status() == 400) {
            return signInPage(401, previous,
                    "This sign-in link is used already, expired or unknown. Ask for a new one, or sign in with your password.");
        }
        if (!reply.ok()) {
            return signInPage(503, previous, "Signing in is not possible right now (tenant-service did not answer). Try again shortly.");
        }
        JsonNode user = reply.json().path("user");
        Person person = new Person(user.path("id").asText(), user.path("email").asText(), user.path("role").asText(),
                user.hasNonNull("tenant_id") ? user.path("tenant_id").asText() : null);
        Duration lifetime = Duration.ofSeconds(Math.max(1, reply.json().path("expires_in").asLong(900)));
        Session session = sessions.signedIn(previous, person, reply.json().path("access_token").asText(), lifetime);
        return Response.seeOther(URI.create(person.staff() ? "/fleet" : "/tenants/" + person.tenantId()))
                .header("Set-Cookie", cookie.set(session.id()))
                .header("Cache-Control", "no-store").build();
    }

    /** The password sign-in page with a message, in an anonymous session (a new one when there is none). */
    private Response signInPage(int status, Session session, String error) {
        Session anonymous = session != null && !session.signedIn() ? session : sessions.anonymous();
        Map<String, Object> model = new HashMap<>();
        model.put("email", "");
        model.put("error", error);
        return withCookie(pages.page(status, "login", "Sign in", anonymous, model), session, anonymous);
    }

    private Response withCookie(Response page, Session presented, Session used) {
        return used == presented ? page : Response.fromResponse(page).header("Set-Cookie", cookie.set(used.id())).build();
    }
}
