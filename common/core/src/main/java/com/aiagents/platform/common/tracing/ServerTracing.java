package com.aiagents.platform.common.tracing;

import com.aiagents.platform.api.TenantId;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * One SERVER span per JAX-RS request, continuing the caller's W3C {@code traceparent} /
 * {@code tracestate}. Named {@code METHOD /route/{template}} once the resource is matched
 * ({@code METHOD} alone when nothing matched), with {@code http.request.method},
 * {@code http.route}, {@code http.response.status_code} and a valid {@code tenant_id} path or
 * query parameter. The span is current, and its ids are in the MDC, while the resource runs.
 * Never records a header, a body or a URL.
 *
 * <p>Pre-matching, so it runs before authentication and a 401 is traced too. Registered by
 * {@link PlatformTracing#install}.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class ServerTracing implements ContainerRequestFilter, ContainerResponseFilter, ApplicationEventListener {
    private static final String STATE = ServerTracing.class.getName() + ".state";
    private static final TextMapGetter<ContainerRequestContext> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ContainerRequestContext request) {
            return request.getHeaders().keySet();
        }

        @Override
        public String get(ContainerRequestContext request, String key) {
            return request == null ? null : request.getHeaderString(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    ServerTracing(OpenTelemetry openTelemetry, Tracer tracer) {
        this.tracer = tracer;
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        // Context.root(), not current(): a pooled thread must not lend its last request's context.
        Context parent = propagator.extract(Context.root(), request, HEADERS);
        String method = request.getMethod();
        TraceIdentity identity = new TraceIdentity(tenantFrom(request.getUriInfo(), false), null, null);
        Span span = identity.addTo(tracer.spanBuilder(method)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(TraceAttributes.HTTP_METHOD, method))
                .startSpan();
        Context context = identity.storeIn(parent.with(span));
        request.setProperty(STATE, new State(span, context.makeCurrent(),
                TraceMdc.open(span.getSpanContext(), identity), Thread.currentThread()));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(STATE) instanceof State state) {
            int status = response.getStatus();
            state.span.setAttribute(TraceAttributes.HTTP_STATUS, (long) status);
            if (status >= 500) {
                SpanScope.markFailed(state.span, Integer.toString(status));
            }
            state.finish();
        }
    }

    /** Names the span after the matched route and adds a tenant path parameter; cleans up if no response filter ran. */
    @Override
    public RequestEventListener onRequest(RequestEvent requestEvent) {
        return event -> {
            if (!(event.getContainerRequest().getProperty(STATE) instanceof State state)) {
                return;
            }
            if (event.getType() == RequestEvent.Type.REQUEST_MATCHED) {
                matched(event.getContainerRequest(), state);
            } else if (event.getType() == RequestEvent.Type.FINISHED && !state.finished) {
                // An exception no mapper handled: the response filters were skipped.
                SpanScope.markFailed(state.span, "unhandled_exception");
                state.finish();
            }
        };
    }

    @Override
    public void onEvent(ApplicationEvent event) {
        // only request events matter
    }

    private static void matched(ContainerRequest request, State state) {
        ExtendedUriInfo uriInfo = request.getUriInfo();
        String route = route(uriInfo.getMatchedTemplates());
        if (route != null) {
            state.span.updateName(request.getMethod() + " " + route);
            state.span.setAttribute(TraceAttributes.HTTP_ROUTE, route);
        }
        if (TraceIdentity.in(Context.current()).tenantId() == null) {
            String tenant = tenantFrom(uriInfo, true);
            if (tenant != null) {
                state.span.setAttribute(TraceAttributes.TENANT_ID_KEY, tenant);
                state.mdc.put(TraceAttributes.TENANT_ID, tenant);
                state.inner = new TraceIdentity(tenant, null, null).storeIn(Context.current()).makeCurrent();
            }
        }
    }

    /** The route template, e.g. {@code /v1/tenants/{tenant_id}}; Jersey lists the innermost template first. */
    static String route(List<UriTemplate> matchedTemplates) {
        if (matchedTemplates == null || matchedTemplates.isEmpty()) {
            return null;
        }
        List<UriTemplate> outerFirst = new ArrayList<>(matchedTemplates);
        Collections.reverse(outerFirst);
        StringBuilder route = new StringBuilder();
        for (UriTemplate template : outerFirst) {
            String part = template.getTemplate();
            if (part.isEmpty() || "/".equals(part)) {
                continue;
            }
            if (route.length() > 0 && route.charAt(route.length() - 1) == '/' && part.startsWith("/")) {
                part = part.substring(1);
            } else if (!part.startsWith("/") && (route.length() == 0 || route.charAt(route.length() - 1) != '/')) {
                route.append('/');
            }
            route.append(part);
        }
        return route.length() == 0 ? "/" : route.toString();
    }

    /** A {@code tenant_id} query (or, once matched, path) parameter, only when it is a valid tenant id. */
    private static String tenantFrom(UriInfo uriInfo, boolean pathToo) {
        String candidate = pathToo ? uriInfo.getPathParameters().getFirst(TraceAttributes.TENANT_ID) : null;
        if (candidate == null) {
            candidate = uriInfo.getQueryParameters().getFirst(TraceAttributes.TENANT_ID);
        }
        return candidate != null && TenantId.isValid(candidate) ? candidate : null;
    }

    /** One request's span, its scope and MDC entries: opened and closed on the request thread. */
    private static final class State {
        final Span span;
        final Scope scope;
        final TraceMdc mdc;
        final Thread thread;
        Scope inner;
        boolean finished;

        State(Span span, Scope scope, TraceMdc mdc, Thread thread) {
            this.span = span;
            this.scope = scope;
            this.mdc = mdc;
            this.thread = thread;
        }

        void finish() {
            finished = true;
            // Synchronous resources only: an async response finishing elsewhere cannot close the request thread's scope.
            if (Thread.currentThread() == thread) {
                mdc.close();
                if (inner != null) {
                    inner.close();
                }
                scope.close();
            }
            span.end();
        }
    }
}
