package com.aiagents.platform.common.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Makes every 4xx/5xx of a service a JSON {@link ErrorBody}: from Jersey (exception mappers) and
 * from Jetty (error handlers of the server and of both servlet contexts). Call once in {@code run}.
 *
 * <p>Dropwizard's default exception mappers stay registered; ours still win because Jersey prefers
 * the mapper of the closest exception type and, among equally close ones, a provider registered by
 * the application before Dropwizard's built-in binder. Where Dropwizard maps a narrower type
 * ({@code JerseyViolationException}, {@code IllegalStateException}) we map that type too.
 */
public final class JsonErrors {
    private JsonErrors() {
    }

    public static void register(Environment environment) {
        ObjectMapper mapper = environment.getObjectMapper();
        JerseyEnvironment jersey = environment.jersey();
        ValidationExceptionMapper validation = new ValidationExceptionMapper(mapper);
        jersey.register(new UnexpectedExceptionMapper());
        jersey.register(new ApiExceptionMapper());
        jersey.register(new WebApplicationExceptionMapper());
        jersey.register(new QueryParamExceptionMapper());
        jersey.register(new InvalidJsonMapper());
        jersey.register(validation);
        jersey.register(new JerseyViolationExceptionMapper(validation));
        jersey.register(new IllegalStateExceptionMapper());

        environment.getApplicationContext().setErrorHandler(new JsonServletErrorHandler(mapper));
        environment.getAdminContext().setErrorHandler(new JsonServletErrorHandler(mapper));
        // Dropwizard builds the Server (and gives it an HTML error handler) only after run(); replace it as it starts.
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(new JsonServerErrorHandler(mapper));
                }
            }
        });
    }
}
