package com.aiagents.platform.console.web;

import com.aiagents.platform.console.core.Person;
import com.aiagents.platform.console.core.Session;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders the pages: logic-less Mustache templates ({@code console/templates/*.mustache}) over plain
 * maps, every {@code {{value}}} HTML-escaped. Each page gets the layout's values: the person (email,
 * role, tenant), whether they are staff, and the session's CSRF token for the forms.
 */
public final class Pages {
    private final MustacheFactory templates = new DefaultMustacheFactory("console/templates");

    public String render(String template, Map<String, Object> model) {
        Mustache mustache = templates.compile(template + ".mustache");
        StringWriter out = new StringWriter();
        mustache.execute(out, model);
        return out.toString();
    }

    /** A whole page with the layout's values, {@code no-store} (pages show tenant data). */
    public Response page(int status, String template, String title, Session session, Map<String, Object> model) {
        Map<String, Object> all = new HashMap<>(model);
        all.put("title", title);
        if (session != null) {
            all.put("csrf", session.csrfToken());
            Person person = session.person();
            if (person != null) {
                Map<String, Object> who = new HashMap<>();
                who.put("email", person.email());
                who.put("role", person.role());
                who.put("tenantId", person.tenantId());
                who.put("staff", person.staff());
                all.put("person", who);
            }
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .entity(render(template, all)).build();
    }

    public Response page(String template, String title, Session session, Map<String, Object> model) {
        return page(200, template, title, session, model);
    }

    /** An error page: what went wrong in words, never a stack trace or a service's raw answer. */
    public Response error(int status, String title, String message, Session session) {
        return page(status, "error", title, session, Map.of("message", message));
    }
}
