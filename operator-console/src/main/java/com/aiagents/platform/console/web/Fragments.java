package com.aiagents.platform.console.web;

import com.aiagents.platform.console.core.Session;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/**
 * A part of a page that htmx loads into another page ({@code hx-get}, header {@code HX-Request}),
 * or, for a browser without script following the fallback link, the same part as a whole page
 * (template {@code <name>-page}, which includes {@code <name>}).
 */
public final class Fragments {
    private Fragments() {
    }

    /** What a part shows when its service did not answer it: "not shown to your role" or "—" and why. */
    public static String unavailable(com.aiagents.platform.console.core.Api.Reply reply, String what, String service) {
        return reply.status() == 403 ? what + " are not shown to your role."
                : "—  (" + service + " answered " + (reply.status() == 0 ? "nothing" : reply.status()) + ")";
    }

    public static Response respond(Pages pages, ContainerRequestContext request, String template, String title,
                                   Session session, Map<String, Object> model) {
        if ("true".equals(request.getHeaderString("HX-Request"))) {
            Map<String, Object> all = new HashMap<>(model);
            all.put("csrf", session.csrfToken());
            return Response.ok(pages.render(template, all), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .header("Cache-Control", "no-store").header("Vary", "HX-Request").build();
        }
        return Response.fromResponse(pages.page(template + "-page", title, session, model)).header("Vary", "HX-Request").build();
    }
}
