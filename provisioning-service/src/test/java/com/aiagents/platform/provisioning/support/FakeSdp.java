package com.aiagents.platform.provisioning.support;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A ServiceDesk Plus stand-in that gate 3 of {@link FakeGatesRunner} calls: answers the v3
 * request list with SDP's success envelope, or 503 while "down". (The SDP simulator of deploy/
 * replaces it once it lands on main.)
 */
public final class FakeSdp extends FakeService {
    private volatile boolean down;

    /** The tenant's {@code servicedesk_url}. */
    @Override
    public String baseUrl() {
        return url("/sdp/acme");
    }

    public void setDown(boolean down) {
        this.down = down;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (down) {
            return new MockResponse.Builder().code(503).body("{\"error\":\"down\"}").build();
        }
        if (request.getHeaders().get("authtoken") == null) {
            return json(200, "{\"response_status\":{\"status_code\":4022,\"status\":\"failed\"}}");
        }
        return json(200, "{\"response_status\":{\"status_code\":2000,\"status\":\"success\"},\"requests\":[]}");
    }
}
