package com.aiagents.platform.integration.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sits in front of a real service to inject the outages a real service cannot produce on demand
 * (a MockWebServer, as the standards allow for failure injection): requests that match the fault
 * either never reach it (the connection is dropped without an answer, as when it is down) or reach
 * it and lose their answer on the way back (the lost-answer case), or, once, get the 503 of a load
 * balancer with no ready backend or an answer later than the caller waits. Without a fault it just
 * forwards.
 */
public final class HttpProxy extends Dispatcher implements AutoCloseable {
    public enum Fault {
        /** Forward everything. */
        NONE,
        /**
         * Drop the connection without forwarding: the service is down, as far as the caller can
         * tell (the connection closes before any answer; the request never reached the service).
         */
        DOWN,
        /** Forward, then drop the connection instead of answering: the answer is lost. */
        LOSE_ANSWER,
        /** Hold the request before forwarding it until {@link #release()}, then drop it (the caller is killed meanwhile). */
        HOLD_BEFORE,
        /** Forward, then hold the answer until {@link #release()} and drop it: the callee acted, the caller never hears. */
        HOLD_AFTER,
        /**
         * Answer 503 with a JSON error body without forwarding, as a load balancer or ingress does
         * while no backend is ready; only the first match ({@link #unavailableOnce}), later ones pass.
         */
        UNAVAILABLE_ONCE,
        /**
         * Forward, then give the answer only after the delay passed to {@link #slowOnce}, later than the
         * caller waits: the callee acted, the caller timed out. Only the first match, later ones pass.
         */
        SLOW_ONCE
    }

    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(30, TimeUnit.SECONDS).build();
    private final String target;
    private volatile Fault fault = Fault.NONE;
    private volatile Predicate<RecordedRequest> which = request -> true;
    private final MockWebServer server = new MockWebServer();
    private volatile java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    private volatile java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    private volatile java.time.Duration slowAnswer = java.time.Duration.ZERO;

    public HttpProxy(String target) {
        this.target = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
        server.setDispatcher(this);
        try {
            server.start(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return server.url("/").toString().replaceAll("/$", "");
    }

    /** Every request gets {@code fault}. */
    public void fault(Fault fault) {
        fault(fault, request -> true);
    }

    /** Requests matching {@code which} get {@code fault}, the others pass. */
    public void fault(Fault fault, Predicate<RecordedRequest> which) {
        this.which = which;
        this.fault = fault;
    }

    public void heal() {
        fault(Fault.NONE);
    }

    /** Holds the next request matching {@code which} ({@link Fault#HOLD_BEFORE} or {@link Fault#HOLD_AFTER}). */
    public void hold(Fault how, Predicate<RecordedRequest> which) {
        held = new java.util.concurrent.CountDownLatch(1);
        release = new java.util.concurrent.CountDownLatch(1);
        fault(how, which);
    }

    /** The next request matching {@code which} is answered 503 ({@link Fault#UNAVAILABLE_ONCE}); {@link #awaitHeld} tells it came. */
    public void unavailableOnce(Predicate<RecordedRequest> which) {
        hold(Fault.UNAVAILABLE_ONCE, which);
    }

    /** The next request matching {@code which} is answered only after {@code delay} ({@link Fault#SLOW_ONCE}). */
    public void slowOnce(java.time.Duration delay, Predicate<RecordedRequest> which) {
        slowAnswer = delay;
        hold(Fault.SLOW_ONCE, which);
    }

    /** Waits until a request is held (or got its one-shot fault); false when none came within {@code seconds}. */
    public boolean awaitHeld(long seconds) throws InterruptedException {
        return held.await(seconds, TimeUnit.SECONDS);
    }

    /** Lets the held request go (its connection is dropped) and forwards everything again. */
    public void release() {
        heal();
        release.countDown();
    }

    /** Matches {@code method} on a path ending with {@code suffix}. */
    public static Predicate<RecordedRequest> call(String method, String suffix) {
        return request -> method.equals(request.getMethod()) && request.getUrl().encodedPath().endsWith(suffix);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Fault now = which.test(request) ? fault : Fault.NONE;
        if (now == Fault.HOLD_BEFORE || now == Fault.HOLD_AFTER) {
            // only the first match is held; later ones pass
            fault(Fault.NONE);
            if (now == Fault.HOLD_AFTER) {
                forward(request);
            }
            held.countDown();
            try {
                release.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return dropConnection();
        }
        if (now == Fault.UNAVAILABLE_ONCE || now == Fault.SLOW_ONCE) {
            fault(Fault.NONE);
            MockResponse answer = now == Fault.UNAVAILABLE_ONCE ? unavailable()
                    : forward(request).newBuilder().headersDelay(slowAnswer.toMillis(), TimeUnit.MILLISECONDS).build();
            held.countDown();
            return answer;
        }
        if (now == Fault.DOWN) {
            return dropConnection();
        }
        MockResponse forwarded = forward(request);
        return now == Fault.LOSE_ANSWER ? dropConnection() : forwarded;
    }

    /** Closes the connection instead of answering this request. */
    private static MockResponse dropConnection() {
        // at response start: an effect "on request start" would only apply to the connection's next
        // request, and this one would get an empty 200
        return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
    }

    private static MockResponse unavailable() {
        return new MockResponse.Builder().code(503).setHeader("Content-Type", "application/json")
                .body("{\"code\": 503, \"error\": \"service_unavailable\", \"message\": \"no ready backend\"}").build();
    }

    private MockResponse forward(RecordedRequest request) {
        Headers headers = request.getHeaders();
        String contentType = headers.get("Content-Type");
        byte[] bytes = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
        RequestBody body = needsBody(request.getMethod()) || bytes.length > 0
                ? RequestBody.create(bytes, contentType == null ? null : MediaType.parse(contentType))
                : null;
        Request.Builder outgoing = new Request.Builder().url(target + request.getTarget())
                .method(request.getMethod(), body);
        for (String name : new String[] {"Authorization", "X-Acting-For", "X-Acting-For-Role", "X-Onboarding-Id", "Accept", "traceparent",
                "tracestate"}) {
            if (headers.get(name) != null) {
                outgoing.header(name, headers.get(name));
            }
        }
        try (Response response = http.newCall(outgoing.build()).execute()) {
            MockResponse.Builder answer = new MockResponse.Builder().code(response.code());
            String type = response.header("Content-Type");
            if (type != null) {
                answer.setHeader("Content-Type", type);
            }
            return answer.body(response.body().string()).build();
        } catch (IOException e) {
            // the service is unreachable: its caller sees a dropped connection, as without the proxy
            return dropConnection();
        }
    }

    private static boolean needsBody(String method) {
        return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
    }

    @Override
    public void close() {
        server.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
