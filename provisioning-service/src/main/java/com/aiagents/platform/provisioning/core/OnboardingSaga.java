package com.aiagents.platform.provisioning.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.common.audit.AuditEntry;
import com.aiagents.platform.common.audit.AuditTrail;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.common.tracing.PlatformTracing;
import com.aiagents.platform.common.tracing.SpanNames;
import com.aiagents.platform.common.tracing.SpanScope;
import com.aiagents.platform.provisioning.client.GatesRunnerClient;
import com.aiagents.platform.provisioning.client.ServiceCallException;
import com.aiagents.platform.provisioning.client.TenantRegistryClient;
import com.aiagents.platform.provisioning.client.TenantRegistryClient.Created;
import com.aiagents.platform.provisioning.client.WorkerClient.ImportProgress;
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
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import com.aiagents.platform.provisioning.db.LeaseLostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The onboarding's steps and compensations (docs/api/provisioning-service.md). Each step is recorded (start, duration, error) before
 * and after it runs, under the run's fencing token ({@link Run}), and is safe to run again: a step
 * whose process died is "outcome unknown" and is simply run again, the peers making the repeat
 * harmless (tenant-service's create is idempotent on the onboarding id). A transient peer error
 * (no answer, 502/503/504) is retried within the step with exponential backoff before it fails. Step errors are
 * our own text plus the peers' error messages, which never carry secrets; request bodies and
 * runtime configs are never logged. Each step is an {@code onboarding_step} span (with
 * {@code onboarding_id}, {@code tenant_id} and {@code step}) under the current context, which
 * {@link Onboardings} makes the run's {@code onboarding} span; the peers' calls are its children.
 * Each step's outcome (Kubernetes applies and deletes, status changes, imports, gates, compensations
 * included) is also recorded in the audit log in the background, as
 * {@code provisioning.onboarding_step_finished}.
 */
public final class OnboardingSaga {
    private static final Logger LOG = LoggerFactory.getLogger(OnboardingSaga.class);
    /** A step span's error.type: the step's error is in the onboarding record, never in the span. */
    private static final String STEP_FAILED = "step_failed";
    private static final String GATES_NOT_PASSED = "gates_not_passed";

    private final OnboardingStore store;
    private final TenantRegistryClient registry;
    private final GatesRunnerClient gates;
    private final WorkerClient worker;
    private final KubernetesProvisioner kubernetes;
    private final OnboardingMetrics metrics;
    private final PlatformTracing tracing;
    private final RetryConfig retry;
    private final OnboardingSettings settings;
    private final AuditTrail audit;

    public OnboardingSaga(OnboardingStore store, TenantRegistryClient registry, GatesRunnerClient gates,
                          WorkerClient worker, KubernetesProvisioner kubernetes, OnboardingMetrics metrics,
                          PlatformTracing tracing, OnboardingSettings settings, AuditTrail audit) {
        this.audit = audit;
        this.store = store;
        this.registry = registry;
        this.gates = gates;
        this.worker = worker;
        this.kubernetes = kubernetes;
        this.metrics = metrics;
        this.tracing = tracing;
        this.settings = settings;
        this.retry = RetryConfig.custom()
                .maxAttempts(settings.getPeerRetries() + 1)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.getPeerRetryBackoff().toJavaDuration(), 2.0))
                .retryOnException(e -> e instanceof ServiceCallException call && call.isTransient())
                .build();
    }

    /** One claimed run of an onboarding: its id and the fencing token every write it makes carries. */
    public record Run(UUID id, TenantId tenantId, long fence) {
        static Run of(Onboarding onboarding) {
            return new Run(onboarding.id(), onboarding.tenantId(), onboarding.fence());
        }
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
        Run run = Run.of(onboarding);
        try (SpanScope span = stepSpan(run, Step.CREATE_TENANT)) {
            CreateOutcome outcome = createTenantStep(run, request, actingFor);
            if (!(outcome instanceof CreateOutcome.Created)) {
                span.fail(STEP_FAILED);
            }
            return outcome;
        }
    }

    /**
     * Asks tenant-service to create the tenant for this onboarding. Whatever an earlier attempt
     * did (its answer lost, its process killed), the answer is the truth: tenant-service returns
     * the tenant this onboarding created (with a new secret to show), or 409 when the tenant id
     * belongs to someone else. No guessing from timestamps.
     */
    private CreateOutcome createTenantStep(Run run, OnboardingRequest request, String actingFor) {
        long start = System.nanoTime();
        store.stepStarted(run.id(), run.fence(), Step.CREATE_TENANT);
        try {
            Created created = withRetry(Step.CREATE_TENANT,
                    () -> registry.create(request.tenantCreateBody(run.tenantId()), actingFor,
                            request.requesterRole() == null ? null : request.requesterRole().value(), run.id()));
            store.markTenantCreated(run.id(), run.fence(), info(created.webhook()));
            succeeded(run, Step.CREATE_TENANT, start, "created " + run.tenantId() + " ("
                    + created.tenant().tier().wireName() + ")");
            return new CreateOutcome.Created(created.webhook());
        } catch (ServiceCallException e) {
            failed(run, Step.CREATE_TENANT, start, e.getMessage(), null);
            if (e.isStatus(400)) {
                return new CreateOutcome.Refused(ApiException.badRequest(e.error(), e.peerMessage(), e.fields()));
            }
            if (e.isStatus(409)) {
                return new CreateOutcome.Refused(ApiException.conflict(e.error(), e.peerMessage()));
            }
            return new CreateOutcome.Failed();
        } catch (LeaseLostException e) {
            throw e;
        } catch (RuntimeException e) {
            failed(run, Step.CREATE_TENANT, start, unexpected(e), null);
            return new CreateOutcome.Failed();
        }
    }

    /**
     * Runs the steps after {@code create_tenant} that have not succeeded yet, in order, stopping at
     * the first failure.
     */
    OnboardingStatus runRemaining(Run run, String actingFor) {
        Onboarding onboarding = store.find(run.id()).orElseThrow();
        for (Step step : Step.FORWARD) {
            if (step == Step.CREATE_TENANT || onboarding.succeeded(step)) {
                continue;
            }
            if (!run(run, step, () -> perform(step, run.tenantId(), actingFor))) {
                return OnboardingStatus.FAILED;
            }
        }
        return OnboardingStatus.SUCCEEDED;
    }

    /**
     * Undoes what the onboarding created, in reverse order: the Kubernetes objects, then the tenant
     * record and its data (purged if it never went live, else offboarded). "Already gone" counts
     * as done, so a failed rollback can simply be repeated. When the onboarding never recorded the
     * tenant as created but tried to (its answer or its process was lost), tenant-service is asked
     * whose the tenant is: only this onboarding's own is removed.
     *
     * @return true when everything is gone
     */
    boolean compensate(Onboarding onboarding, String actingFor) {
        Run run = Run.of(onboarding);
        boolean createTried = onboarding.step(Step.CREATE_TENANT).map(s -> s.status() != StepStatus.PENDING)
                .orElse(false);
        if (!onboarding.tenantCreated() && !createTried) {
            for (Step step : Step.COMPENSATIONS) {
                store.stepStarted(run.id(), run.fence(), step);
                store.stepFinished(run.id(), run.fence(), step, StepStatus.SKIPPED, 0, null,
                        "nothing to undo: this onboarding created no tenant");
            }
            return true;
        }
        if (onboarding.tenantCreated()) {
            boolean kubernetesGone = run(run, Step.DELETE_KUBERNETES, () -> {
                List<ObjectRef> deleted = kubernetes.delete(run.tenantId());
                return deleted.isEmpty() ? "nothing left to delete" : deleted.size() + " objects deleted";
            });
            if (!kubernetesGone) {
                return false;
            }
        } else {
            // Kubernetes is provisioned only after the tenant was recorded as created.
            store.stepStarted(run.id(), run.fence(), Step.DELETE_KUBERNETES);
            store.stepFinished(run.id(), run.fence(), Step.DELETE_KUBERNETES, StepStatus.SKIPPED, 0, null,
                    "nothing to undo: this onboarding provisioned no Kubernetes objects");
        }
        return run(run, Step.REMOVE_TENANT, () -> removeTenant(onboarding, actingFor));
    }

    private String perform(Step step, TenantId tenantId, String actingFor) {
        return switch (step) {
            case MARK_CONFIGURED -> moveTo(tenantId, TenantStatus.CONFIGURED, actingFor);
            case PROVISION_KUBERNETES -> provisionKubernetes(tenantId);
            case IMPORT_TICKET_HISTORY -> importTicketHistory(tenantId, actingFor);
            case RUN_GATES -> runGates(tenantId, actingFor);
            case ACTIVATE -> activate(tenantId, actingFor);
            default -> throw new IllegalArgumentException("not a forward step run here: " + step);
        };
    }

    private String runGates(TenantId tenantId, String actingFor) {
        GatesRunnerClient.GateRun run = gates.runAll(tenantId, actingFor);
        if (!run.passed()) {
            throw new StepFailure("gate run " + run.runId() + ": " + run.describe());
        }
        return "gate run " + run.runId() + ": " + run.describe();
    }

    /**
     * Activates; when tenant-service finds the passing gate run too old (the onboarding waited,
     * was resumed later), the gates are run again here and activation is tried once more, rather
     * than leaving the onboarding stranded.
     */
    private String activate(TenantId tenantId, String actingFor) {
        String activated;
        try {
            activated = moveTo(tenantId, TenantStatus.ACTIVE, actingFor);
        } catch (ServiceCallException e) {
            if (!e.isStatus(409) || !GATES_NOT_PASSED.equals(e.error())) {
                throw e;
            }
            String gateRun = runGates(tenantId, actingFor);
            activated = moveTo(tenantId, TenantStatus.ACTIVE, actingFor) + " after a new " + gateRun
                    + " (the earlier run was older than the activation window)";
        }
        return activated + "; " + welcome(tenantId, actingFor);
    }

    /**
     * The welcome mail to the tenant's admin contact: tenant-service issues it and sends it in the
     * background, so this neither waits for SMTP nor fails the activation. Whatever happens is said
     * in the step's detail; a mail not requested or not delivered is resent by the API.
     */
    private String welcome(TenantId tenantId, String actingFor) {
        try {
            TenantRegistryClient.WelcomeEmail mail = registry.sendFirstWelcomeEmail(tenantId, actingFor);
            return switch (mail.delivery() == null ? "" : mail.delivery()) {
                case "pending" -> "welcome mail to " + mail.recipient() + " is being sent";
                case "sent" -> "welcome mail sent to " + mail.recipient();
                case "disabled" -> "welcome mail not sent: SMTP is not configured (SMTP_HOST); resend it with "
                        + "POST /v1/tenants/" + tenantId + "/welcome-email once it is";
                default -> "welcome mail " + mail.delivery() + "; resend it with POST /v1/tenants/" + tenantId
                        + "/welcome-email";
            };
        } catch (LeaseLostException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("event=welcome_mail_not_requested tenant_id={} error=\"{}\"", tenantId, e.getMessage());
            return "welcome mail not requested (" + e.getMessage() + "); resend it with POST /v1/tenants/" + tenantId
                    + "/welcome-email";
        }
    }

    /**
     * Starts (or resumes) the worker's import of the tenant's resolved SDP requests and waits for
     * it: until it completes, or, after {@code ticketImportWait}, as long as at least
     * {@code ticketImportMinimum} rows are in (the rest goes on in the background).
     */
    private String importTicketHistory(TenantId tenantId, String actingFor) {
        ImportProgress progress = worker.startTicketHistoryImport(tenantId, actingFor);
        long deadline = System.nanoTime() + settings.getTicketImportWait().toJavaDuration().toNanos();
        while (!progress.completed() && !progress.failed() && System.nanoTime() < deadline) {
            pause(settings.getTicketImportPoll().toJavaDuration());
            progress = withRetry(Step.IMPORT_TICKET_HISTORY, () -> worker.ticketHistoryImport(tenantId));
        }
        if (progress.failed()) {
            throw new StepFailure("the ticket-history import failed (" + progress.error() + ")");
        }
        if (progress.completed()) {
            return progress.imported() + " resolved requests imported, " + progress.skipped() + " without a resolution skipped";
        }
        if (progress.imported() >= settings.getTicketImportMinimum()) {
            return progress.imported() + " resolved requests imported; the rest continues in the background";
        }
        throw new StepFailure("the ticket-history import is still running with " + progress.imported()
                + " requests in (at least " + settings.getTicketImportMinimum()
                + " are needed before the gates); POST again to keep waiting");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailure("interrupted while waiting for the ticket-history import");
        }
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

    private String removeTenant(Onboarding onboarding, String actingFor) {
        TenantId tenantId = onboarding.tenantId();
        TenantRecord tenant = registry.get(tenantId).orElse(null);
        if (tenant == null) {
            return onboarding.tenantCreated() ? "tenant already gone" : "nothing to undo: tenant-service never created it";
        }
        if (!onboarding.tenantCreated() && !onboarding.id().toString().equals(tenant.onboardingId())) {
            return "nothing to undo: tenant " + tenantId + " exists but was not created by this onboarding; left alone";
        }
        switch (tenant.status()) {
            case OFFBOARDED:
                return "tenant already offboarded";
            case OFFBOARDING:
                return "tenant already offboarding (erased when its grace period ends)";
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
                return "tenant offboarding (it had been live): erased when its grace period ends, its id stays reserved";
            default:
                registry.offboard(tenantId, actingFor);
                return "tenant offboarding: data kept for the grace period (an admin may restore it), then erased; "
                        + "a tombstone keeps its id from being reused";
        }
    }

    /** Runs one recorded, traced step; false (and recorded, counted, logged, span failed) when it failed. */
    private boolean run(Run run, Step step, Supplier<String> work) {
        try (SpanScope span = stepSpan(run, step)) {
            boolean succeeded = runRecorded(run, step, () -> withRetry(step, work));
            if (!succeeded) {
                span.fail(STEP_FAILED);
            }
            return succeeded;
        }
    }

    /** The work again after transient peer errors, with exponential backoff; the last error when they persist. */
    private <T> T withRetry(Step step, Supplier<T> work) {
        Retry stepRetry = Retry.of(step.wireName(), retry);
        stepRetry.getEventPublisher().onRetry(event -> LOG.info("event=onboarding_step_retry step={} attempt={}"
                + " wait_ms={} error=\"{}\"", step.wireName(), event.getNumberOfRetryAttempts(),
                event.getWaitInterval().toMillis(), event.getLastThrowable() == null ? ""
                        : event.getLastThrowable().getMessage()));
        return Retry.decorateSupplier(stepRetry, work).get();
    }

    private SpanScope stepSpan(Run run, Step step) {
        return tracing.span(SpanNames.ONBOARDING_STEP).tenant(run.tenantId().value()).onboarding(run.id().toString())
                .step(step.wireName()).open();
    }

    private boolean runRecorded(Run run, Step step, Supplier<String> work) {
        long start = System.nanoTime();
        store.stepStarted(run.id(), run.fence(), step);
        try {
            succeeded(run, step, start, work.get());
            return true;
        } catch (LeaseLostException e) {
            throw e;
        } catch (StepFailure | ServiceCallException | ProvisioningException e) {
            failed(run, step, start, e.getMessage(), null);
        } catch (RuntimeException e) {
            failed(run, step, start, unexpected(e), null);
            LOG.error("event=onboarding_step_error onboarding_id={} step={}", run.id(), step.wireName(), e);
        }
        return false;
    }

    private void succeeded(Run run, Step step, long start, String detail) {
        long millis = elapsedMillis(start);
        store.stepFinished(run.id(), run.fence(), step, StepStatus.SUCCEEDED, millis, null, detail);
        auditStep(run, step, StepStatus.SUCCEEDED, detail);
        LOG.info("event=onboarding_step_succeeded onboarding_id={} step={} duration_ms={}", run.id(), step.wireName(), millis);
    }

    private void failed(Run run, Step step, long start, String error, String detail) {
        long millis = elapsedMillis(start);
        store.stepFinished(run.id(), run.fence(), step, StepStatus.FAILED, millis, error, detail);
        auditStep(run, step, StepStatus.FAILED, error);
        metrics.stepFailed(step);
        LOG.warn("event=onboarding_step_failed onboarding_id={} step={} duration_ms={} error=\"{}\"",
                run.id(), step.wireName(), millis, error);
    }

    /** The step's own text: our words and the peers' error messages, which never carry a secret. */
    private void auditStep(Run run, Step step, StepStatus status, String text) {
        audit.recordInBackground(AuditEntry.of("provisioning.onboarding_step_finished", run.tenantId())
                .with("onboarding_id", run.id().toString()).with("step", step.wireName())
                .with("status", status.name().toLowerCase(java.util.Locale.ROOT))
                .with(status == StepStatus.SUCCEEDED ? "detail" : "error", text));
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
