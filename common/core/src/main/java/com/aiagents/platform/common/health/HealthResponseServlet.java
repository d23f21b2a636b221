package com.aiagents.platform.common.health;

import io.dropwizard.health.response.HealthResponse;
import io.dropwizard.health.response.HealthResponseProvider;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 200 while healthy, else 503, with every check's state ({@code name}, {@code healthy},
 * {@code critical}, {@code type}) as the body unless {@code ?name=...} picks some. The liveness
 * servlet always asks for {@code type=alive}.
 */
final class HealthResponseServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient HealthResponseProvider provider;
    private final String fixedType;

    HealthResponseServlet(HealthResponseProvider provider, String fixedType) {
        this.provider = provider;
        this.fixedType = fixedType;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Collection<String>> query = new LinkedHashMap<>();
        request.getParameterMap().forEach((key, values) -> query.put(key, Arrays.asList(values)));
        query.putIfAbsent("name", List.of("all"));
        if (fixedType != null) {
            query.put("type", List.of(fixedType));
        }
        HealthResponse health = provider.healthResponse(query);
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(health.getStatus());
        response.setContentType(health.getContentType());
        response.getWriter().write(health.getMessage());
    }
}
