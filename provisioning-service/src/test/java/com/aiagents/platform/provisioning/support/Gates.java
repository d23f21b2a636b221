package com.aiagents.platform.provisioning.support;

import com.aiagents.platform.testing.TestDatabase;
import com.aiagents.platform.testing.TestRedis;

/**
 * The real gates-runner with what it drives: the real webhook-gateway, {@link FakePipeline} for the
 * worker that has not landed, one Redis DB they share, and provisioning-service behind a proxy
 * (gates-runner must know its URL before provisioning-service, which needs gates-runner's, starts).
 */
public final class Gates implements AutoCloseable {
    private final TestRedis redis = TestRedis.claim();
    private final FakePipeline pipeline;
    private final WebhookGateway gateway;
    private final HttpProxy provisioning = new HttpProxy("http://127.0.0.1:1");
    private final GatesRunner runner;
    private final String serviceToken;

    public Gates(TestDatabase database, String serviceToken, String tenantServiceUrl) {
        this.serviceToken = serviceToken;
        pipeline = new FakePipeline(database, redis, serviceToken, tenantServiceUrl);
        gateway = new WebhookGateway(redis, tenantServiceUrl, serviceToken);
        runner = new GatesRunner(database, redis, tenantServiceUrl, gateway.baseUrl(), pipeline.baseUrl(),
                provisioning.baseUrl());
    }

    /** gates-runner's URL, for provisioning-service's {@code GATES_RUNNER_URL}. */
    public String baseUrl() {
        return runner.baseUrl();
    }

    /** Where gate 4 finds provisioning-service, once it runs. */
    public void provisioningAt(String url) {
        provisioning.retarget(url);
    }

    /** Whether gates-runner has recorded a complete run (all four gates) for the tenant. */
    public boolean hasCompleteRun(String tenantId) {
        Api.Reply reply = new Api(runner.baseUrl()).get("/v1/tenants/" + tenantId + "/gate-runs?limit=1", serviceToken);
        return reply.status() == 200 && reply.json().path("runs").path(0).path("gates").size() == 4;
    }

    public FakePipeline pipeline() {
        return pipeline;
    }

    @Override
    public void close() {
        runner.close();
        gateway.close();
        provisioning.close();
        pipeline.close();
        redis.close();
    }
}
