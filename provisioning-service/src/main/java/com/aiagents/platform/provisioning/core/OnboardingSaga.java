package com.aiagents.platform.provisioning.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.common.tracing.PlatformTracing;
import com.aiagents.platform.common.tracing.SpanNames;
import com.aiagents.platform.common.tracing.SpanScope;
import com.aiagents.platform.provisioning.client.GatesRunnerClient;
import com.aiagents.platform.provisioning.client.ServiceCallException;
import com.aiagents.platform.provisioning.client.TenantRegistryClient;
import com.aiagents.platform.provisioning.client.TenantRegistryClient.Created;
import com.aiagents.platform.provisioning.client.TenantRegistryClient.TenantRecord;
import com.aiagents.platform.provisioning.client.TenantRegistryClient.Webhook;
import com.aiagents.platform.provisioning.client.WorkerClient;
import com.aiagents.platform.provisioning.db.OnboardingStore;
import com.aiagents.platform.provisioning.kubernetes.ApplyResult;
import com.aiagents.platform.provisioning.kubernetes.KubernetesProvisioner;
import com.aiagents.platform.provisioning.kubernetes.ObjectRef;
import com.aiagents.platform.provisioning.kubernetes.ProvisioningException;
import com.aiagents.platform.provisioning.kubernetes.TenantResources;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The onboarding's steps and compensations (docs/api/provisioning-service.md). Each step is recorded
 * (start, duration, error) before and after it runs, and is safe to run again. Step errors are
 * our own text plus the peers' error messages, which never carry secrets; request bodies and
 * runtime configs are never logged. Each step is an {@code onboarding_step} span (with
 * {@code onboarding_id}, {@code tenant_id} and {@code step}) under the current context, which
 * {@link Onboardings} makes the run's {@code onboarding} span; the peers' calls are its children.
 */
public final class OnboardingSaga {
    private static final Logger LOG = LoggerFactory.getLogger(OnboardingSaga.class);
    static final String OUTCOME_UNKNOWN = "outcome unknown: the request may have reached tenant-service";
    /** How much earlier than its onboarding a tenant may look created (clock skew) and still be adopted. */
    private static final Duration ADOPTION_SKEW = Duration.ofMinutes(1);
    /** A step span's error.type: the step's error is in the onboarding record, never in the span. */
    private static final String STEP_FAILED = "step_failed";

    private final OnboardingStore store;
    private final TenantRegistryClient registry;
    private final GatesRunnerClient gates;
    private final WorkerClient worker;
    private final KubernetesProvisioner kubernetes;
    private final OnboardingMetrics metrics;
    private final PlatformTracing tracing;

    public OnboardingSaga(OnboardingStore store, TenantRegistryClient registry, GatesRunnerClient gates,
                          WorkerClient worker, KubernetesProvisioner kubernetes, OnboardingMetrics metrics,
                          PlatformTracing tracing) {
        this.store = store;
        this.registry = registry;
        this.gates = gates;
        this.worker = worker;
        this.kubernetes = kubernetes;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    /** How {@link #createTenant} ended. */
    sealed interface CreateOutcome {
        /** The tenant exists and is this onboarding's; {@code webhook} carries the one-time secret. */
        record Created(Webhook webhook) implements CreateOutcome {
        }

        /** tenant-service refused the request (400, or 409 for someone else's tenant): relay it. */
        record Refused(ApiException answer) implements CreateOutcome {
        }

        /** It could not be done now (tenant-service down, ...): the onboarding failed and can resume. */
        record Failed() implements CreateOutcome {
        }
    }

    CreateOutcome createTenant(Onboarding onboarding, OnboardingRequest request, String actingFor) {
        try (SpanScope span = stepSpan(onboarding.id(), onboarding.tenantId(), Step.CREATE_TENANT)) {
            CreateOutcome outcome = createTenantStep(onboarding, request, actingFor);
            if (!(outcome instanceof CreateOutcome.Created)) {
                span.fail(STEP_FAILED);
            }
            return outcome;
        }
    }

    private CreateOutcome createTenantStep(Onboarding onboarding, OnboardingRequest request, String actingFor) {
        UUID id = onboarding.id();
        TenantId tenantId = onboarding.tenantId();
        boolean earlierAttemptUncertain = answerWasLost(onboarding);
        long start = System.nanoTime();
        store.stepStarted(id, Step.CREATE_TENANT);
        try {
            Created created = registry.create(request.tenantCreateBody(tenantId), actingFor);
            store.markTenantCreated(id, info(created.webhook()));
            succeeded(id, Step.CREATE_TENANT, start, "created " + tenantId + " (" + created.tenant().tier().wireName() + ")");
            return new CreateOutcome.Created(created.webhook());
        } catch (ServiceCallException e) {
            if (e.isStatus(409) && "tenant_exists".equals(e.error()) && earlierAttemptUncertain) {
                Webhook adopted = adopt(onboarding, actingFor);
                if (adopted != null) {
                    succeeded(id, Step.CREATE_TENANT, start, "adopted " + tenantId
                            + ", which an earlier attempt created; its webhook secret was rotated to show it");
                    return new CreateOutcome.Created(adopted);
                }
            }
            failed(id, Step.CREATE_TENANT, start, e.getMessage(), e.outcomeUnknown() ? OUTCOME_UNKNOWN : null);
            if (e.isStatus(400)) {
                return new CreateOutcome.Refused(ApiException.badRequest(e.error(), e.peerMessage(), e.fields()));
            }
            if (e.isStatus(409)) {
                return new CreateOutcome.Refused(ApiException.conflict(e.error(), e.peerMessage()));
            }
            return new CreateOutcome.Failed();
        } catch (RuntimeException e) {
            failed(id, Step.CREATE_TENANT, start, unexpected(e), null);
            return new CreateOutcome.Failed();
        }
    }

    /**
     * Runs the steps after {@code create_tenant} that have not succeeded yet, in order, stopping at
     * the first failure. The ticket-history import is best effort: its failure is recorded and
     * logged but the onboarding still succeeds.
     */
    OnboardingStatus runRemaining(UUID id, String actingFor) {
        Onboarding onboarding = store.find(id).orElseThrow();
        TenantId tenantId = onboarding.tenantId();
        for (Step step : List.of(Step.MARK_CONFIGURED, Step.PROVISION_KUBERNETES, Step.RUN_GATES, Step.ACTIVATE)) {
            if (onboarding.succeeded(step)) {
                continue;
            }
            if (!run(id, tenantId, step, () -> perform(step, tenantId, actingFor))) {
                return OnboardingStatus.FAILED;
            }
        }
        startTicketHistoryImport(onboarding, actingFor);
        return OnboardingStatus.SUCCEEDED;
    }

    /** The best-effort backfill, unless it already started. */
    void startTicketHistoryImport(Onboarding onboarding, String actingFor) {
        if (onboarding.succeeded(Step.START_TICKET_HISTORY_IMPORT)) {
            return;
        }
        boolean started = run(onboarding.id(), onboarding.tenantId(), Step.START_TICKET_HISTORY_IMPORT, () -> {
            worker.startTicketHistoryImport(onboarding.tenantId(), actingFor);
            return "import of resolved SDP requests started";
        });
        if (!started) {
            LOG.warn("event=ticket_history_import_not_started onboarding_id={} tenant_id={}"
                    + " (best effort: the onboarding still succeeds; POST the onboarding again to retry)",
                    onboarding.id(), onboarding.tenantId());
        }
    }

    /**
     * Undoes what the onboarding created, in reverse order: the Kubernetes objects, then the tenant
     * record and its data (purged if it never went live, else offboarded). "Already gone" counts
     * as done, so a failed rollback can simply be repeated.
     *
     * @return true when everything is gone
     */
    boolean compensate(Onboarding onboarding, String actingFor) {
        UUID id = onboarding.id();
        TenantId tenantId = onboarding.tenantId();
        if (!onboarding.tenantCreated() && !createdByLostAnswer(onboarding)) {
            for (Step step : Step.COMPENSATIONS) {
                store.stepStarted(id, step);
                store.stepFinished(id, step, StepStatus.SKIPPED, 0, null, "nothing to undo: this onboarding created no tenant");
            }
            return true;
        }
        boolean kubernetesGone = run(id, tenantId, Step.DELETE_KUBERNETES, () -> {
            List<ObjectRef> deleted = kubernetes.delete(tenantId);
            return deleted.isEmpty() ? "nothing left to delete" : deleted.size() + " objects deleted";
        });
        if (!kubernetesGone) {
            return false;
        }
        return run(id, tenantId, Step.REMOVE_TENANT, () -> removeTenant(tenantId, actingFor));
    }

    private String perform(Step step, TenantId tenantId, String actingFor) {
        return switch (step) {
            case MARK_CONFIGURED -> moveTo(tenantId, TenantStatus.CONFIGURED, actingFor);
            case PROVISION_KUBERNETES -> provisionKubernetes(tenantId);
            case RUN_GATES -> {
                GatesRunnerClient.GateRun run = gates.runAll(tenantId, actingFor);
                if (!run.passed()) {
                    throw new StepFailure("gate run " + run.runId() + ": " + run.describe());
                }
                yield "gate run " + run.runId() + ": " + run.describe();
            }
            case ACTIVATE -> moveTo(tenantId, TenantStatus.ACTIVE, actingFor);
            default -> throw new IllegalArgumentException("not a forward step run here: " + step);
        };
    }

    private String moveTo(TenantId tenantId, TenantStatus target, String actingFor) {
        TenantRecord tenant = registry.get(tenantId)
                .orElseThrow(() -> new StepFailure("tenant " + tenantId + " no longer exists in tenant-service"));
        TenantStatus current = tenant.status();
        if (current == target || (target == TenantStatus.CONFIGURED && current == TenantStatus.ACTIVE)) {
            return "already " + current.wireName();
        }
        if (current == TenantStatus.OFFBOARDED || current == TenantStatus.SUSPENDED) {
            throw new StepFailure("tenant " + tenantId + " is " + current.wireName());
        }
        registry.changeStatus(tenantId, target, actingFor);
        return current.wireName() + " -> " + target.wireName();
    }

    private String provisionKubernetes(TenantId tenantId) {
        TenantRuntimeConfig config = registry.runtimeConfig(tenantId)
                .orElseThrow(() -> new StepFailure("tenant-service has no runtime config for " + tenantId));
        ApplyResult result = kubernetes.apply(TenantResources.of(tenantId, config.tier(), CredentialsSecret.of(config)));
        long created = result.changes().stream().filter(c -> c.action() == ApplyResult.Action.CREATED).count();
        return result.tier().wireName() + ": " + result.changes().size() + " objects applied, " + created + " created";
    }

    private String removeTenant(TenantId tenantId, String actingFor) {
        TenantRecord tenant = registry.get(tenantId).orElse(null);
        if (tenant == null) {
            return "tenant already gone";
        }
        switch (tenant.status()) {
            case OFFBOARDED:
                return "tenant already offboarded";
            case ONBOARDING:
            case CONFIGURED:
                try {
                    registry.purge(tenantId, actingFor);
                    return "tenant purged: record and data erased (it never went live)";
                } catch (ServiceCallException e) {
                    if (!e.isStatus(409)) {
                        throw e;
                    }
                }
                registry.offboard(tenantId, actingFor);
                return "tenant offboarded (it had been live, so its id stays reserved)";
            default:
                registry.offboard(tenantId, actingFor);
                return "tenant offboarded: data erased, a tombstone keeps its id from being reused";
        }
    }

    /**
     * The tenant a lost create answer made: ours if it has not moved on from {@code onboarding} and
     * was created after this onboarding began. Rotating its secret is the only way to show one.
     */
    private Webhook adopt(Onboarding onboarding, String actingFor) {
        if (!isOurs(onboarding, registry.get(onboarding.tenantId()).orElse(null))) {
            return null;
        }
        Webhook webhook = registry.rotateWebhookSecret(onboarding.tenantId(), actingFor);
        store.markTenantCreated(onboarding.id(), info(webhook));
        return webhook;
    }

    private static boolean isOurs(Onboarding onboarding, TenantRecord tenant) {
        Instant earliest = onboarding.createdAt().minus(ADOPTION_SKEW);
        return tenant != null && tenant.status() == TenantStatus.ONBOARDING && tenant.createdAt() != null
                && !tenant.createdAt().isBefore(earliest);
    }

    /** The last create attempt failed without an answer: tenant-service may have created the tenant. */
    private static boolean answerWasLost(Onboarding onboarding) {
        return onboarding.step(Step.CREATE_TENANT)
                .map(s -> s.status() == StepStatus.FAILED && OUTCOME_UNKNOWN.equals(s.detail()))
                .orElse(false);
    }

    /**
     * Whether a create whose answer was lost did create the tenant, so a rollback must remove it
     * although the onboarding never recorded it as created.
     */
    private boolean createdByLostAnswer(Onboarding onboarding) {
        boolean uncertain = answerWasLost(onboarding);
        try {
            return uncertain && isOurs(onboarding, registry.get(onboarding.tenantId()).orElse(null));
        } catch (ServiceCallException e) {
            // Cannot tell now: act as if it may exist; the compensations tolerate "already gone".
            return uncertain;
        }
    }

    /** Runs one recorded, traced step; false (and recorded, counted, logged, span failed) when it failed. */
    private boolean run(UUID id, TenantId tenantId, Step step, Supplier<String> work) {
        try (SpanScope span = stepSpan(id, tenantId, step)) {
            boolean succeeded = runRecorded(id, step, work);
            if (!succeeded) {
                span.fail(STEP_FAILED);
            }
            return succeeded;
        }
    }

    private SpanScope stepSpan(UUID id, TenantId tenantId, Step step) {
        return tracing.span(SpanNames.ONBOARDING_STEP).tenant(tenantId.value()).onboarding(id.toString())
                .step(step.wireName()).open();
    }

    private boolean runRecorded(UUID id, Step step, Supplier<String> work) {
        long start = System.nanoTime();
        store.stepStarted(id, step);
        try {
            succeeded(id, step, start, work.get());
            return true;
        } catch (StepFailure | ServiceCallException | ProvisioningException e) {
            failed(id, step, start, e.getMessage(), null);
        } catch (RuntimeException e) {
            failed(id, step, start, unexpected(e), null);
            LOG.error("event=onboarding_step_error onboarding_id={} step={}", id, step.wireName(), e);
        }
        return false;
    }

    private void succeeded(UUID id, Step step, long start, String detail) {
        long millis = elapsedMillis(start);
        store.stepFinished(id, step, StepStatus.SUCCEEDED, millis, null, detail);
        LOG.info("event=onboarding_step_succeeded onboarding_id={} step={} duration_ms={}", id, step.wireName(), millis);
    }

    private void failed(UUID id, Step step, long start, String error, String detail) {
        long millis = elapsedMillis(start);
        store.stepFinished(id, step, StepStatus.FAILED, millis, error, detail);
        metrics.stepFailed(step);
        LOG.warn("event=onboarding_step_failed onboarding_id={} step={} duration_ms={} error=\"{}\"",
                id, step.wireName(), millis, error);
    }

    private static String unexpected(RuntimeException e) {
        return "internal error (" + e.getClass().getSimpleName() + "); see provisioning-service's log";
    }

    private static long elapsedMillis(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    private static Onboarding.WebhookInfo info(Webhook webhook) {
        return webhook == null ? null : new Onboarding.WebhookInfo(webhook.url(), webhook.mode(), webhook.signatureHeader());
    }
}
