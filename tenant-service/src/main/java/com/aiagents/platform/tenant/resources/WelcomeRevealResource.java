package com.aiagents.platform.tenant.resources;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.tenant.core.RevealPage;
import com.aiagents.platform.tenant.core.WelcomeEmails;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /welcome/{token}}: a page with a button, using nothing (mail security scanners and link
 * previewers follow links; they do not submit forms). {@code POST /welcome/{token}}: the webhook
 * secret, once; the link is used up in the same transaction. No login: the link is the credential.
 * A used, superseded or expired link is refused with 410, an unknown one with 404: as a page for
 * browsers, as the JSON error body for API clients ({@code Accept: application/json}). The token is
 * never logged (the request log prints the path without it, see config.yml).
 */
@Path("/welcome/{token}")
public class WelcomeRevealResource {
    /** Nothing but this page's own form: no script, style, image, frame or other origin. */
    static final String CSP = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final WelcomeEmails welcome;

    public WelcomeRevealResource(WelcomeEmails welcome) {
        this.welcome = welcome;
    }

    @GET
    @Produces({MediaType.TEXT_HTML + ";charset=utf-8", MediaType.APPLICATION_JSON})
    public Response page(@PathParam("token") String token, @Context HttpHeaders headers) {
        return answer(headers, () -> {
            TenantId tenant = welcome.check(token);
            return new Page(RevealPage.confirm(tenant.value()), Map.of("tenant_id", tenant.value(), "link", "unused"));
        });
    }

    @POST
    @Produces({MediaType.TEXT_HTML + ";charset=utf-8", MediaType.APPLICATION_JSON})
    public Response reveal(@PathParam("token") String token, @Context HttpHeaders headers) {
        return answer(headers, () -> {
            WelcomeEmails.Revealed revealed = welcome.reveal(token);
            Map<String, Object> webhook = new LinkedHashMap<>();
            webhook.put("url", revealed.webhookUrl());
            webhook.put("mode", revealed.mode().name().toLowerCase(java.util.Locale.ROOT));
            webhook.put("signature_header", revealed.header());
            webhook.put("secret", revealed.secret());
            return new Page(RevealPage.revealed(revealed), Map.of("tenant_id", revealed.tenantId().value(),
                    "webhook", webhook));
        });
    }

    private record Page(String html, Map<String, Object> json) {
    }

    private static Response answer(HttpHeaders headers, Supplier<Page> work) {
        boolean json = wantsJson(headers);
        try {
            Page page = work.get();
            return json ? secured(Response.ok(page.json(), MediaType.APPLICATION_JSON_TYPE))
                    : html(200, page.html());
        } catch (ApiException e) {
            if (json) {
                throw e;
            }
            return html(e.status(), RevealPage.refused(e.getMessage()));
        }
    }

    /** JSON only when asked for and HTML not: a browser's Accept names text/html. */
    static boolean wantsJson(HttpHeaders headers) {
        boolean json = false;
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.TEXT_HTML_TYPE) && !type.isWildcardType()) {
                return false;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
                json = true;
            }
        }
        return json;
    }

    private static Response html(int status, String page) {
        return secured(Response.status(status).entity(page).type(MediaType.TEXT_HTML + ";charset=utf-8"));
    }

    private static Response secured(Response.ResponseBuilder response) {
        return response.header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                // the token is in the URL and the secret on the page: no Referer, no cache
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .build();
    }
}
