package com.aiagents.platform.provisioning.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * enhancement-worker's {@code POST /v1/tenants/{id}/ticket-history/import} as docs/api/internal.md
 * documents it (202), on a mockwebserver3 until the worker lands; or 503 while failing.
 */
public final class FakeWorker extends FakeService {
    private static final Pattern IMPORT = Pattern.compile("^/v1/tenants/([a-z0-9-]+)/ticket-history/import$");

    private final String serviceToken;
    private final List<String> imports = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    public FakeWorker(String serviceToken) {
        this.serviceToken = serviceToken;
    }

    /** Tenant ids whose import was started, in order. */
    public List<String> imports() {
        return List.copyOf(imports);
    }

    public void setFailing(boolean failing) {
        this.failing = failing;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse unauthorized = requireToken(request, serviceToken);
        if (unauthorized != null) {
            return unauthorized;
        }
        Matcher matcher = IMPORT.matcher(request.getUrl().encodedPath());
        if (!"POST".equals(request.getMethod()) || !matcher.matches()) {
            return notFound();
        }
        if (failing) {
            return json(503, "{\"code\":503,\"error\":\"worker_unavailable\",\"message\":\"database unavailable\"}");
        }
        imports.add(matcher.group(1));
        return json(202, "{\"tenant_id\":\"" + matcher.group(1) + "\",\"status\":\"started\"}");
    }
}
