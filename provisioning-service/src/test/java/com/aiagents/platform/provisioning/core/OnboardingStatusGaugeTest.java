package com.aiagents.platform.provisioning.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.provisioning.db.OnboardingStore;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabase;
import io.prometheus.client.CollectorRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code onboardings{status}} against a real migrated database, as provisioning-service's own role: onboardings
 * that need an operator (a failed run, a crashed run, a rollback that stopped) are counted until resumed, and the
 * table is counted at most once per scrape interval.
 */
class OnboardingStatusGaugeTest {
    private static final Duration SCRAPE = Duration.ofSeconds(15);

    private TestDatabase database;
    private OnboardingStore store;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-05T10:00:00Z"));
    private final AtomicInteger counted = new AtomicInteger();
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private CollectorRegistry registry;

    @BeforeEach
    void migrate() {
        database = TestDatabase.createMigrated();
        store = new OnboardingStore(new TenantDatabase(
                Jdbi.create(database.jdbcUrl(), database.roleFor(ServiceRole.PROVISIONING_SERVICE), database.password())));
        registry = new CollectorRegistry();
        new OnboardingStatusGauge(() -> {
            if (databaseDown.get()) {
                throw new IllegalStateException("connection refused");
            }
            counted.incrementAndGet();
            return store.countByStatus();
        }, SCRAPE, now::get).register(registry);
    }

    @AfterEach
    void drop() {
        database.close();
    }

    @Test
    void everyStatusIsReportedEvenWithNoOnboarding() {
        for (OnboardingStatus status : OnboardingStatus.values()) {
            assertThat(value(status)).as(status.wireName()).isZero();
        }
    }

    @Test
    void failedRunsCrashedRunsAndStoppedRollbacksAreCountedUntilAnOperatorActs() {
        Onboarding stepFailed = insert(Duration.ofMinutes(1));
        store.finish(stepFailed.id(), stepFailed.fence(), OnboardingStatus.FAILED);
        insert(Duration.ZERO); // its process died mid-run: failed once the lease is found expired
        Onboarding rollback = insert(Duration.ofMinutes(1));
        store.claim(rollback.id(), Set.of(OnboardingStatus.RUNNING), OnboardingStatus.ROLLING_BACK, "owner-b", Duration.ZERO)
                .orElseThrow(); // and the rollback's process died too: rollback_failed
        insert(Duration.ofMinutes(1)); // still running
        assertThat(store.expireLeases()).isEqualTo(2);

        assertThat(value(OnboardingStatus.FAILED)).isEqualTo(2);
        assertThat(value(OnboardingStatus.ROLLBACK_FAILED)).isEqualTo(1);
        assertThat(value(OnboardingStatus.RUNNING)).isEqualTo(1);

        // an hour later nothing has changed: still counted (the alert does not clear by itself)
        now.set(now.get().plus(Duration.ofHours(1)));
        assertThat(value(OnboardingStatus.FAILED)).isEqualTo(2);

        // the operator resumes one: it is no longer failed once the next scrape counts again
        store.claim(stepFailed.id(), Set.of(OnboardingStatus.FAILED), OnboardingStatus.RUNNING, "owner-c",
                Duration.ofMinutes(1)).orElseThrow();
        now.set(now.get().plus(SCRAPE));
        assertThat(value(OnboardingStatus.FAILED)).isEqualTo(1);
        assertThat(value(OnboardingStatus.RUNNING)).isEqualTo(2);
    }

    @Test
    void scrapesWithinAScrapeIntervalShareOneCount() {
        assertThat(value(OnboardingStatus.RUNNING)).isZero();
        insert(Duration.ofMinutes(1));
        now.set(now.get().plus(SCRAPE.minusSeconds(1)));
        assertThat(value(OnboardingStatus.RUNNING)).as("cached").isZero();
        assertThat(value(OnboardingStatus.FAILED)).isZero();
        assertThat(counted).hasValue(1);

        now.set(now.get().plusSeconds(1));
        assertThat(value(OnboardingStatus.RUNNING)).isEqualTo(1);
        assertThat(counted).hasValue(2);
    }

    @Test
    void whileTheDatabaseIsDownTheLastCountsAreServed() {
        Onboarding failed = insert(Duration.ofMinutes(1));
        store.finish(failed.id(), failed.fence(), OnboardingStatus.FAILED);
        assertThat(value(OnboardingStatus.FAILED)).isEqualTo(1);

        databaseDown.set(true);
        now.set(now.get().plus(SCRAPE.multipliedBy(4)));
        assertThat(value(OnboardingStatus.FAILED)).isEqualTo(1);

        databaseDown.set(false);
        store.claim(failed.id(), Set.of(OnboardingStatus.FAILED), OnboardingStatus.ROLLING_BACK, "owner-b",
                Duration.ofMinutes(1)).orElseThrow();
        assertThat(value(OnboardingStatus.FAILED)).as("counted again at the first scrape after").isZero();
        assertThat(value(OnboardingStatus.ROLLING_BACK)).isEqualTo(1);
    }

    private double value(OnboardingStatus status) {
        Double value = registry.getSampleValue(OnboardingStatusGauge.NAME, new String[] {"status"},
                new String[] {status.wireName()});
        assertThat(value).as("onboardings{status=\"" + status.wireName() + "\"}").isNotNull();
        return value;
    }

    private Onboarding insert(Duration lease) {
        return store.insert(UUID.randomUUID(), TenantId.of("acme-" + UUID.randomUUID().toString().substring(0, 6)),
                Tier.PREMIUM, null, "test-admin", "owner-a", lease).orElseThrow();
    }
}
