package com.aiagents.platform.common.tracing;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Environment;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A service that installs tracing from its {@code tracing:} config, or (when a test set
 * {@link #inMemory}) with a given OpenTelemetry, and answers what it saw of its own trace.
 */
public class TracingTestApp extends Application<TracingTestApp.Config> {
    /** Set by a test before the app starts: use this OpenTelemetry instead of the config's. */
    static volatile OpenTelemetry inMemory;
    /** Where {@code POST /tenants/{tenant_id}/things/call} calls to. */
    static volatile String downstream;
    static volatile PlatformTracing installed;

    public static class Config extends Configuration {
        @Valid
        @NotNull
        @JsonProperty
        private TracingConfig tracing = new TracingConfig();
    }

    @Override
    public String getName() {
        return "tracing-test-app";
    }

    @Override
    public void run(Config config, Environment environment) {
        installed = inMemory != null
                ? PlatformTracing.install(environment, inMemory)
                : PlatformTracing.install(environment, config.tracing, getName());
        OkHttpClient http = new OkHttpClient.Builder().addInterceptor(installed.clientInterceptor()).build();
        environment.jersey().register(new ThingsResource(http));
        environment.jersey().register(new WebhookResource());
    }

    /** What a resource sees of its trace: the current span's ids and the MDC. */
    static Map<String, String> seen() {
        Map<String, String> seen = new TreeMap<>();
        seen.put("current_trace_id", Span.current().getSpanContext().getTraceId());
        seen.put("current_span_id", Span.current().getSpanContext().getSpanId());
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        if (mdc != null) {
            mdc.forEach((key, value) -> seen.put("mdc_" + key, value));
        }
        return seen;
    }

    @Path("/tenants/{tenant_id}/things")
    @Produces(MediaType.APPLICATION_JSON)
    public static class ThingsResource {
        private static final Logger LOG = LoggerFactory.getLogger(ThingsResource.class);
        private final OkHttpClient http;

        ThingsResource(OkHttpClient http) {
            this.http = http;
        }

        @GET
        @Path("/{thing}")
        public Map<String, String> get(@PathParam("tenant_id") String tenantId, @PathParam("thing") String thing) {
            LOG.warn("serving a thing");
            return seen();
        }

        @POST
        @Path("/call")
        public Map<String, String> call() throws IOException {
            try (Response response = http.newCall(new Request.Builder().url(downstream).build()).execute()) {
                Map<String, String> seen = seen();
                seen.put("downstream_status", Integer.toString(response.code()));
                return seen;
            }
        }

        @GET
        @Path("/boom")
        public String boom(@QueryParam("detail") String detail) {
            throw new IllegalStateException("failed with " + detail);
        }
    }

    @Path("/webhook/servicedesk")
    @Produces(MediaType.APPLICATION_JSON)
    public static class WebhookResource {
        @POST
        public Map<String, String> receive(String body) {
            return seen();
        }
    }
}
