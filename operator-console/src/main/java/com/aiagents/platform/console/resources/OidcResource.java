package com.aiagents.platform.console.resources;

import com.aiagents.platform.console.core.Api;
import com.aiagents.platform.console.core.Api.Reply;
import com.aiagents.platform.console.core.Api.Service;
import com.aiagents.platform.console.core.OidcSignIn;
import com.aiagents.platform.console.core.Session;
import com.aiagents.platform.console.core.Sessions;
import com.aiagents.platform.console.web.Pages;
import com.aiagents.platform.console.web.SessionCookie;
import com.aiagents.platform.console.web.Web;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in with the OpenID Connect provider, through tenant-service ({@code /v1/auth/oidc*}): the
 * button's form starts an attempt (state, nonce, PKCE verifier kept server-side against the
 * pre-sign-in session) and sends the browser to the provider; the provider sends it back to
 * {@code /oidc/callback}, where the state is checked, tenant-service exchanges the code, and a new
 * signed-in session (new id: no fixation) replaces the pre-sign-in one.
 */
@Path("/oidc")
@Produces(MediaType.TEXT_HTML)
public final class OidcResource {
    private final Api api;
    private final Sessions sessions;
    private final SessionCookie cookie;
    private final Pages pages;
    private final OidcSignIn attempts;
    private final String publicUrl;

    public OidcResource(Api api, Sessions sessions, SessionCookie cookie, Pages pages, OidcSignIn attempts, String publicUrl) {
        this.api = api;
        this.sessions = sessions;
        this.cookie = cookie;
        this.pages = pages;
        this.attempts = attempts;
        this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
    }

    /** The sign-in page's button, when tenant-service offers OpenID Connect: {@code {"oidc": {"name"}}}, or nothing. */
    public static Map<String, Object> button(Api api) {
        Reply reply = api.get(Service.TENANT_SERVICE, "/v1/auth/oidc", null);
        if (reply.ok() && reply.json().path("enabled").asBoolean(false)) {
            return Map.of("oidc", Map.of("name", reply.json().path("display_name").asText("single sign-on")));
        }
        return Map.of();
    }

    @POST
    @Path("start")
    public Response start(@Context ContainerRequestContext request, @Context UriInfo uri) {
        Session anonymous = Web.session(request); // the CSRF check already required one
        if (anonymous.signedIn()) {
            return Response.seeOther(URI.create("/")).build();
        }
        String redirectUri = (publicUrl.isEmpty() ? uri.getBaseUri().toString().replaceAll("/+$", "") : publicUrl) + "/oidc/callback";
        OidcSignIn.Attempt attempt = attempts.start(anonymous.id(), redirectUri);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("redirect_uri", redirectUri);
        body.put("state", attempt.state());
        body.put("nonce", attempt.nonce());
        body.put("code_challenge", attempt.challenge());
        Reply reply = api.post(Service.TENANT_SERVICE, "/v1/auth/oidc/authorize", null, body);
        String url = reply.json().path("authorization_url").asText("");
        if (!reply.ok() || !(url.startsWith("https://") || url.startsWith("http://"))) {
            attempts.finish(anonymous.id(), attempt.state());
            return failed(anonymous, reply.status() == 404 ? "Signing in with single sign-on is not offered."
                    : "Single sign-on is not available right now. Try again shortly, or use your password.");
        }
        return Response.seeOther(URI.create(url)).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("callback")
    public Response callback(@Context ContainerRequestContext request, @QueryParam("code") String code,
                             @QueryParam("state") String state, @QueryParam("error") String error) {
        Session anonymous = Web.session(request);
        if (anonymous != null && anonymous.signedIn()) {
            return Response.seeOther(URI.create("/")).build();
        }
        Optional<OidcSignIn.Attempt> attempt = attempts.finish(anonymous == null ? null : anonymous.id(), state);
        if (attempt.isEmpty()) {
            return failed(anonymous, "This sign-in could not be finished (it expired or did not start here). Try again.");
        }
        if (error != null || code == null || code.isEmpty()) {
            return failed(anonymous, "The sign-in provider did not sign you in.");
        }
        Reply reply = api.post(Service.TENANT_SERVICE, "/v1/auth/oidc/token", null, Map.of("code", code,
                "code_verifier", attempt.get().verifier(), "redirect_uri", attempt.get().redirectUri(),
                "nonce", attempt.get().nonce()));
        if (reply.status() == 403) {
            return failed(anonymous, "You are signed in with the provider, but no role in this platform is given to you.");
        }
        if (!reply.ok()) {
            return failed(anonymous, reply.status() == 401 || reply.status() == 400
                    ? "The sign-in was refused. Try again." : "Signing in is not possible right now. Try again shortly.");
        }
        Session session = SignInResource.signedIn(sessions, anonymous, reply.json(), "");
        return Response.seeOther(URI.create("/")).header("Set-Cookie", cookie.set(session.id()))
                .header("Cache-Control", "no-store").build();
    }

    private Response failed(Session anonymous, String message) {
        Session session = anonymous != null ? anonymous : sessions.anonymous();
        Map<String, Object> model = new LinkedHashMap<>(button(api));
        model.put("email", "");
        model.put("error", message);
        Response page = pages.page(401, "login", "Sign in", session, model);
        return session == anonymous ? page : Response.fromResponse(page).header("Set-Cookie", cookie.set(session.id())).build();
    }
}
