package com.aiagents.platform.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the production deployment relies on in the images and in the code: JVM flags sized to the
 * container, a base image pinned by digest, and no work that must happen once left unguarded in a
 * service that runs more than one replica.
 */
class ReplicaSafetyTest {
    /**
     * Work that must happen once across a service's replicas, where it is done, and what guards it.
     * A scheduled chore or per-tenant exclusivity added to a replicated service needs a line here.
     */
    private static final List<Singleton> SINGLETONS = List.of(
            new Singleton("gates-runner", "one gate run per tenant at a time",
                    "gates-runner/src/main/java/com/aiagents/platform/gates/core/GateRunner.java", "ReplicaLocks"),
            new Singleton("gates-runner", "one re-validation pass per interval",
                    "gates-runner/src/main/java/com/aiagents/platform/gates/core/Revalidation.java", "ReplicaLocks"),
            new Singleton("enhancement-worker", "one ticket-history import per tenant",
                    "enhancement-worker/src/main/java/com/aiagents/platform/worker/core/TicketHistoryImporter.java",
                    "TenantRunLock"),
            new Singleton("enhancement-worker", "one reconciliation pass per tenant per interval",
                    "enhancement-worker/src/main/java/com/aiagents/platform/worker/core/ReconciliationLoop.java",
                    "TenantRunLock"),
            new Singleton("enhancement-worker", "each row's embedding backfilled by one replica",
                    "enhancement-worker/src/main/java/com/aiagents/platform/worker/db/EmbeddingDao.java",
                    "FOR UPDATE SKIP LOCKED"),
            new Singleton("provisioning-service", "one runner per onboarding",
                    "provisioning-service/src/main/java/com/aiagents/platform/provisioning/db/OnboardingStore.java",
                    "lease_expires_at"),
            new Singleton("provisioning-service", "one erasure pass at a time",
                    "provisioning-service/src/main/java/com/aiagents/platform/provisioning/core/TenantErasure.java",
                    "pg_try_advisory_xact_lock"));

    /** Scheduled work in a service's main code, by the file that schedules it. */
    private static final Pattern SCHEDULED = Pattern.compile("schedule(WithFixedDelay|AtFixedRate)\\(");

    @Test
    void everySingletonJobIsGuardedWhereItRuns() {
        for (Singleton singleton : SINGLETONS) {
            assertThat(Repo.read(Repo.path(singleton.file())))
                    .as(singleton.service() + ": " + singleton.work() + " is guarded by " + singleton.guard())
                    .contains(singleton.guard());
        }
        // the chores a replicated service schedules: each is either per-process by nature (a gauge
        // refresh, the worker's own queue maintenance, lease renewal of its own runs) or listed above
        Map<String, String> perProcess = Map.of(
                "enhancement-worker/src/main/java/com/aiagents/platform/worker/EnhancementWorkerApplication.java",
                "gauge refreshes of this process's metrics",
                "enhancement-worker/src/main/java/com/aiagents/platform/worker/queue/QueueConsumer.java",
                "this worker's heartbeat and the atomic (Lua) reaper, safe on every replica",
                "provisioning-service/src/main/java/com/aiagents/platform/provisioning/core/Onboardings.java",
                "renewal of this process's own leases, fenced in the database",
                "gates-runner/src/main/java/com/aiagents/platform/gates/GatesRunnerApplication.java",
                "the re-validation schedule, whose pass takes ReplicaLocks (Revalidation)",
                "webhook-gateway/src/main/java/com/aiagents/platform/gateway/core/DeferredReleaseLoop.java",
                "the atomic (Lua) release of deferred jobs: bounded by each tenant's rate log and a one-interval "
                        + "lock, safe on every replica",
                "enhancement-worker/src/main/java/com/aiagents/platform/worker/core/ReconciliationLoop.java",
                "the reconciliation schedule, whose passes take TenantRunLock per tenant",
                "provisioning-service/src/main/java/com/aiagents/platform/provisioning/core/TenantErasure.java",
                "the erasure schedule, whose pass takes a PostgreSQL advisory lock (SINGLETONS)");
        for (String service : List.of("tenant-service", "webhook-gateway", "enhancement-worker", "provisioning-service",
                "gates-runner", "operator-console")) {
            for (var file : Repo.files(service + "/src/main/java", ".java")) {
                Matcher scheduled = SCHEDULED.matcher(Repo.read(file));
                String relative = Repo.ROOT.relativize(file).toString();
                if (scheduled.find()) {
                    assertThat(perProcess).as(relative + " schedules work: is it per process, or a singleton "
                            + "that needs a guard and a line in SINGLETONS?").containsKey(relative);
                }
            }
        }
    }

    @Test
    void imagesRunTheJvmSizedToTheContainerOnADigestPinnedBase() {
        String pom = Repo.read(Repo.path("pom.xml"));
        assertThat(pom).contains("<jvmFlag>-XX:MaxRAMPercentage=60</jvmFlag>", "<jvmFlag>-XX:+UseG1GC</jvmFlag>",
                "<jvmFlag>-XX:+ExitOnOutOfMemoryError</jvmFlag>");
        java.util.regex.Matcher base = java.util.regex.Pattern
                .compile("<image\\.base>([^<]+@sha256:[0-9a-f]{64})</image\\.base>").matcher(pom);
        assertThat(base.find()).as("Jib's base is pinned by digest").isTrue();
        String dockerfile = Repo.read(Repo.path("deploy/docker/Dockerfile"));
        assertThat(dockerfile)
                .contains("JAVA_TOOL_OPTIONS=\"-XX:MaxRAMPercentage=60 -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError\"")
                .as("docker build (Compose) starts from the same pinned base as Jib")
                .contains("ARG BASE_IMAGE=" + base.group(1), "FROM ${BASE_IMAGE}");
        for (String module : List.of("tenant-service", "webhook-gateway", "enhancement-worker", "provisioning-service",
                "gates-runner", "operator-console", "deploy/sdp-simulator")) {
            assertThat(Repo.read(Repo.path(module + "/pom.xml"))).as(module + " builds an image")
                    .contains("<jib.skip>false</jib.skip>");
        }
    }

    private record Singleton(String service, String work, String file, String guard) {
    }
}
