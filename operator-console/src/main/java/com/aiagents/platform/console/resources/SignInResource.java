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
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Sign-in with a password (tenant-service's {@code POST /v1/auth/login}), sign-out (its
 * {@code POST /v1/auth/logout}, which revokes the token's session everywhere), and "who am I".
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public final class SignInResource {
    private final Api api;
    private final Sessions sessions;
    private final SessionCookie cookie;
    private final Pages pages;
    private final Duration idleTimeout;
    private final Counter signIns;

    public SignInResource(Api api, Sessions sessions, SessionCookie cookie, Pages pages, Duration idleTimeout,
                          CollectorRegistry metrics) {
        this.api = api;
        this.sessions = sessions;
        this.cookie = cookie;
        this.pages = pages;
        this.idleTimeout = idleTimeout;
        this.signIns = Counter.build("console_sign_ins_total", "Sign-in attempts through the console, by result")
                .labelNames("result").register(metrics);
    }

    @GET
    public Response home(@Context ContainerRequestContext request) {
        Session session = Web.session(request);
        if (session == null || !session.signedIn()) {
            return Response.seeOther(URI.create("/login")).build();
        }
        Person person = session.person();
        return Response.seeOther(URI.create(person.staff() ? "/fleet" : "/tenants/" + person.tenantId())).build();
    }

    @GET
    @Path("login")
    public Response form(@Context ContainerRequestContext request) {
        Session session = Web.session(request);
        if (session != null && session.signedIn()) {
            return home(request);
        }
        return signInPage(200, session, null, "");
    }

    @POST
    @Path("login")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@Context ContainerRequestContext request, @FormParam("email") String email,
                           @FormParam("password") String password) {
        Session anonymous = Web.session(request);
        String typed = email == null ? "" : email.trim();
        if (typed.isEmpty() || password == null || password.isEmpty()) {
            signIns.labels("incomplete").inc();
            return signInPage(400, anonymous, "Enter your e-mail address and your password.", typed);
        }
        Reply reply = api.post(Service.TENANT_SERVICE, "/v1/auth/login", null, Map.of("email", typed, "password", password));
        if (reply.status() == 401) {
            signIns.labels("refused").inc();
            return signInPage(401, anonymous, "The e-mail address or the password is wrong.", typed);
        }
        if (reply.status() == 429) {
            signIns.labels("throttled").inc();
            return signInPage(429, anonymous, "Too many failed attempts. Wait a few minutes, then try again.", typed);
        }
        if (!reply.ok()) {
            signIns.labels("unavailable").inc();
            return signInPage(503, anonymous, "Signing in is not possible right now (tenant-service did not answer). Try again shortly.", typed);
        }
        Session session = signedIn(sessions, anonymous, reply.json(), typed);
        signIns.labels("signed_in").inc();
        return Response.seeOther(URI.create("/")).header("Set-Cookie", cookie.set(session.id()))
                .header("Cache-Control", "no-store").build();
    }

    /** The signed-in session for tenant-service's sign-in answer (password or OpenID Connect): a new id. */
    static Session signedIn(Sessions sessions, Session anonymous, JsonNode answer, String typedEmail) {
        JsonNode user = answer.path("user");
        Person person = new Person(user.path("id").asText(), user.path("email").asText(typedEmail), user.path("role").asText(),
                user.hasNonNull("tenant_id") ? user.path("tenant_id").asText() : null);
        Duration lifetime = Duration.ofSeconds(Math.max(1, answer.path("expires_in").asLong(900)));
        return sessions.signedIn(anonymous, person, answer.path("access_token").asText(), lifetime);
    }

    @POST
    @Path("logout")
    public Response signOut(@Context ContainerRequestContext request) {
        Session session = Web.session(request);
        if (session != null && session.signedIn()) {
            api.post(Service.TENANT_SERVICE, "/v1/auth/logout", session.accessToken(), null);
        }
        sessions.end(session);
        return Response.seeOther(URI.create("/login")).header("Set-Cookie", cookie.clear()).build();
    }

    @GET
    @Path("me")
    public Response me(@Context ContainerRequestContext request) {
        Session session = Web.signedIn(request);
        Person person = session.person();
        Map<String, Object> model = new HashMap<>();
        model.put("email", person.email());
        model.put("role", person.role());
        model.put("tenant", person.tenantId());
        model.put("userId", person.id());
        model.put("idleMinutes", idleTimeout.toMinutes());
        return pages.page("me", "Who am I", session, model);
    }

    private Response signInPage(int status, Session session, String error, String email) {
        Session anonymous = session != null && !session.signedIn() ? session : sessions.anonymous();
        Map<String, Object> model = new HashMap<>(OidcResource.button(api));
        model.put("email", email);
        if (error != null) {
            model.put("error", error);
        }
        Response page = pages.page(status, "login", "Sign in", anonymous, model);
        return anonymous == session ? page
                : Response.fromResponse(page).header("Set-Cookie", cookie.set(anonymous.id())).build();
    }
}
