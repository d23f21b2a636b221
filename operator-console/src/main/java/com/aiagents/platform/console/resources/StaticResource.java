package com.aiagents.platform.console.resources;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The console's few static files, from the class path: its stylesheet and script, and htmx from its
 * WebJar (no CDN, no Node build). A fixed list: nothing else on the class path is reachable.
 */
@Path("/static")
public final class StaticResource {
    public static final String HTMX = "META-INF/resources/webjars/htmx.org/2.0.4/dist/htmx.min.js";
    private static final Map<String, String[]> FILES = Map.of(
            "console.css", new String[] {"console/static/console.css", "text/css; charset=utf-8"},
            "console.js", new String[] {"console/static/console.js", "text/javascript; charset=utf-8"},
            "htmx.min.js", new String[] {HTMX, "text/javascript; charset=utf-8"});
    private final Map<String, byte[]> loaded = new java.util.concurrent.ConcurrentHashMap<>();

    @GET
    @Path("/{name}")
    public Response file(@PathParam("name") String name) {
        String[] file = FILES.get(name);
        if (file == null) {
            return Response.status(404).type("text/plain").entity("not found").build();
        }
        byte[] bytes = loaded.computeIfAbsent(name, n -> read(file[0]));
        return Response.ok(bytes).type(file[1]).header("Cache-Control", "public, max-age=3600").build();
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticResource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing from the jar: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
