package com.aiagents.platform.common.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An okhttp application interceptor: one CLIENT span per call ({@code HTTP GET host}), a child of
 * the current context, whose W3C {@code traceparent} is sent with the request so the called
 * service continues the trace. Records method, host, port, scheme, path, status and the
 * identity of the enclosing work ({@code tenant_id}...); never a query string (SDP's
 * {@code input_data}, OAuth refresh parameters), a header or a body.
 *
 * <p>The span ends when the response headers arrive. Calls made with {@code enqueue} run on
 * okhttp's threads, where no context is current: use {@code execute()} from the traced thread.
 * Build with {@link PlatformTracing#clientInterceptor()}; add with
 * {@code new OkHttpClient.Builder().addInterceptor(tracing.clientInterceptor())}.
 */
public final class TracingInterceptor implements Interceptor {
    private final Tracer tracer;
    private final TextMapPropagator propagator;

    TracingInterceptor(OpenTelemetry openTelemetry, Tracer tracer) {
        this.tracer = tracer;
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        HttpUrl url = request.url();
        Context parent = Context.current();
        SpanBuilder builder = tracer.spanBuilder("HTTP " + request.method() + " " + url.host())
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(TraceAttributes.HTTP_METHOD, request.method())
                .setAttribute(TraceAttributes.SERVER_ADDRESS, url.host())
                .setAttribute(TraceAttributes.SERVER_PORT, (long) url.port())
                .setAttribute(TraceAttributes.URL_SCHEME, url.scheme())
                .setAttribute(TraceAttributes.URL_PATH, url.encodedPath());
        Span span = TraceIdentity.in(parent).addTo(builder).startSpan();
        Context context = parent.with(span);
        Request.Builder traced = request.newBuilder();
        propagator.inject(context, traced, (carrier, key, value) -> carrier.header(key, value));
        try (Scope ignored = context.makeCurrent()) {
            Response response = chain.proceed(traced.build());
            span.setAttribute(TraceAttributes.HTTP_STATUS, (long) response.code());
            if (response.code() >= 400) {
                SpanScope.markFailed(span, Integer.toString(response.code()));
            }
            return response;
        } catch (IOException | RuntimeException | Error e) {
            // the class only: an IOException's message can carry the URL with its query
            SpanScope.markFailed(span, e.getClass().getName());
            throw e;
        } finally {
            span.end();
        }
    }
}
