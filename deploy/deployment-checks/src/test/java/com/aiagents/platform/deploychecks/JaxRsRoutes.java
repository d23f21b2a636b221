package com.aiagents.platform.deploychecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The HTTP routes a module serves, read from its JAX-RS resources' sources: the class's
 * {@code @Path} joined with each method's {@code @GET}/{@code @POST}/... and its own {@code @Path}.
 */
final class JaxRsRoutes {
    private static final Pattern PATH = Pattern.compile("@Path\\(\"([^\"]*)\"\\)");
    private static final Pattern VERB = Pattern.compile("@(GET|POST|PUT|PATCH|DELETE)\\b");
    private final List<Route> routes;

    private JaxRsRoutes(List<Route> routes) {
        this.routes = routes;
    }

    static JaxRsRoutes of(String moduleDir) {
        List<Route> routes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Repo.path(moduleDir + "/src/main/java"))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> routes.addAll(read(Repo.read(f))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new JaxRsRoutes(routes);
    }

    /** Whether {@code method} (null: any) on {@code path} reaches a resource method. */
    boolean serves(String method, String path) {
        return routes.stream().anyMatch(r -> (method == null || r.method().equals(method)) && r.matches(path));
    }

    List<Route> routes() {
        return routes;
    }

    private static List<Route> read(String source) {
        List<Route> found = new ArrayList<>();
        String classPath = null;
        String pendingPath = null;
        String pendingVerb = null;
        for (String line : source.split("\n")) {
            String trimmed = line.strip();
            Matcher path = PATH.matcher(trimmed);
            if (trimmed.startsWith("@Path(") && path.find()) {
                pendingPath = path.group(1);
            }
            Matcher verb = VERB.matcher(trimmed);
            if (trimmed.startsWith("@") && verb.find()) {
                pendingVerb = verb.group(1);
            }
            if (trimmed.startsWith("public ")) {
                if (trimmed.contains(" class ")) {
                    classPath = pendingPath;
                } else if (pendingVerb != null && classPath != null) {
                    found.add(new Route(pendingVerb, join(classPath, pendingPath)));
                }
                pendingPath = null;
                pendingVerb = null;
            }
        }
        return found;
    }

    private static String join(String classPath, String methodPath) {
        String joined = "/" + classPath + (methodPath == null ? "" : "/" + methodPath);
        return joined.replaceAll("/+", "/").replaceAll("(.)/$", "$1");
    }

    /** One resource method: {@code GET /v1/tenants/{tenant_id}}. */
    record Route(String method, String template) {
        boolean matches(String path) {
            String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            return path.matches(regex);
        }
    }
}
