package com.aiagents.platform.provisioning.support;

import com.aiagents.platform.testing.TestDatabase;

/**
 * The real gates-runner with what it drives: {@link FakePipeline} for the gateway and worker that
 * have not landed, and provisioning-service behind a proxy (gates-runner must know its URL before
 * provisioning-service, which needs gates-runner's, has started).
 */
public final class Gates implements AutoCloseable {
    private final FakePipeline pipeline;
    private final HttpProxy provisioning = new HttpProxy("http://127.0.0.1:1");
    private final GatesRunner runner;

    public Gates(TestDatabase database, String serviceToken, String tenantServiceUrl) {
        pipeline = new FakePipeline(database, serviceToken, tenantServiceUrl);
        runner = new GatesRunner(database, tenantServiceUrl, pipeline.baseUrl(), provisioning.baseUrl());
    }

    /** gates-runner's URL, for provisioning-service's {@code GATES_RUNNER_URL}. */
    public String baseUrl() {
        return runner.baseUrl();
    }

    /** Where gate 4 finds provisioning-service, once it runs. */
    public void provisioningAt(String url) {
        provisioning.retarget(url);
    }

    public FakePipeline pipeline() {
        return pipeline;
    }

    @Override
    public void close() {
        runner.close();
        provisioning.close();
        pipeline.close();
    }
}
