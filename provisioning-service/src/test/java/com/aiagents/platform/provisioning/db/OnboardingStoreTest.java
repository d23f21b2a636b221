package com.aiagents.platform.provisioning.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.provisioning.core.Onboarding;
import com.aiagents.platform.provisioning.core.OnboardingStatus;
import com.aiagents.platform.provisioning.core.Step;
import com.aiagents.platform.provisioning.core.StepStatus;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The persisted saga against a real migrated database, as provisioning-service's own role (no superuser, no BYPASSRLS). */
class OnboardingStoreTest {
    private static TestDatabase database;
    private static OnboardingStore store;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.createMigrated();
        store = new OnboardingStore(new TenantDatabase(
                Jdbi.create(database.jdbcUrl(), database.roleFor(ServiceRole.PROVISIONING_SERVICE), database.password())));
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void aNewOnboardingHasItsForwardStepsPendingInOrder() {
        Onboarding o = insert("key-" + UUID.randomUUID(), Duration.ofMinutes(1));

        assertThat(o.status()).isEqualTo(OnboardingStatus.RUNNING);
        assertThat(o.steps()).extracting(s -> s.step()).containsExactlyElementsOf(Step.FORWARD);
        assertThat(o.steps()).allMatch(s -> s.status() == StepStatus.PENDING && s.startedAt() == null);
    }

    @Test
    void anIdempotencyKeyBelongsToOneOnboarding() {
        String key = "key-" + UUID.randomUUID();
        Onboarding first = insert(key, Duration.ofMinutes(1));

        assertThat(store.insert(UUID.randomUUID(), TenantId.of("other"), Tier.BASIC, key, "op", "me", Duration.ofMinutes(1)))
                .isEmpty();
        assertThat(store.findByIdempotencyKey(key).orElseThrow().id()).isEqualTo(first.id());
    }

    @Test
    void onlyOneClaimWinsAndARunningOnboardingCannotBeClaimed() {
        Onboarding o = insert(null, Duration.ofMinutes(1));
        assertThat(claim(o, "other")).isEmpty();

        store.finish(o.id(), o.fence(), OnboardingStatus.FAILED);
        assertThat(claim(o, "owner-b")).isPresent();
        assertThat(claim(o, "owner-c")).isEmpty();
    }

    @Test
    void aRunWhoseProcessDiedIsFoundInterruptedAndResumable() {
        Onboarding o = insert(null, Duration.ZERO);
        store.stepStarted(o.id(), o.fence(), Step.CREATE_TENANT);
        store.stepFinished(o.id(), o.fence(), Step.CREATE_TENANT, StepStatus.SUCCEEDED, 12, null, "created");
        store.stepStarted(o.id(), o.fence(), Step.MARK_CONFIGURED);

        assertThat(store.expireLeases()).isPositive();

        Onboarding after = store.find(o.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(OnboardingStatus.FAILED);
        assertThat(after.step(Step.CREATE_TENANT).orElseThrow().status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(after.step(Step.MARK_CONFIGURED).orElseThrow().status()).isEqualTo(StepStatus.FAILED);
        assertThat(after.step(Step.MARK_CONFIGURED).orElseThrow().error()).contains("interrupted", "outcome unknown");
        assertThat(claim(o, "next")).isPresent();
    }

    @Test
    void aRunThatLostItsLeaseCannotWriteAnyMore() {
        Onboarding o = insert(null, Duration.ZERO);
        store.expireLeases();
        java.util.OptionalLong successor = claim(o, "successor");

        assertThatThrownBy(() -> store.stepStarted(o.id(), o.fence(), Step.MARK_CONFIGURED))
                .isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> store.finish(o.id(), o.fence(), OnboardingStatus.SUCCEEDED))
                .isInstanceOf(LeaseLostException.class);
        assertThat(store.renewLeases("owner-a", java.util.Map.of(o.id(), o.fence()), Duration.ofMinutes(1))).isEmpty();

        store.stepStarted(o.id(), successor.getAsLong(), Step.MARK_CONFIGURED);
        Onboarding after = store.find(o.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(OnboardingStatus.RUNNING);
        assertThat(after.step(Step.MARK_CONFIGURED).orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void aTenantIdHasAtMostOneOnboardingThatIsNotRolledBack() {
        Onboarding first = insert(null, Duration.ofMinutes(1));

        assertThatThrownBy(() -> store.insert(UUID.randomUUID(), first.tenantId(), Tier.BASIC, "another-key", "op",
                "owner-b", Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(TenantHasLiveOnboardingException.class,
                        e -> assertThat(e.other()).isEqualTo(first.id()));

        store.finish(first.id(), first.fence(), OnboardingStatus.ROLLED_BACK);
        assertThat(store.insert(UUID.randomUUID(), first.tenantId(), Tier.BASIC, null, "op", "owner-b",
                Duration.ofMinutes(1))).isPresent();
    }

    @Test
    void anInterruptedRollbackEndsRollbackFailed() {
        Onboarding o = insert(null, Duration.ofMinutes(1));
        store.finish(o.id(), o.fence(), OnboardingStatus.FAILED);
        long fence = store.claim(o.id(), Set.of(OnboardingStatus.FAILED), OnboardingStatus.ROLLING_BACK, "owner-b",
                Duration.ZERO).getAsLong();
        store.stepStarted(o.id(), fence, Step.REMOVE_TENANT);

        store.expireLeases();

        Onboarding after = store.find(o.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(OnboardingStatus.ROLLBACK_FAILED);
        assertThat(after.step(Step.REMOVE_TENANT).orElseThrow().error()).contains("DELETE again");
    }

    @Test
    void aRestartedInstanceReleasesOnlyItsOwnPredecessorsRuns() {
        Onboarding mine = store.insert(UUID.randomUUID(), TenantId.of("mine-" + UUID.randomUUID().toString().substring(0, 6)),
                Tier.BASIC, null, "op", "pod-a/" + UUID.randomUUID(), Duration.ofMinutes(5)).orElseThrow();
        Onboarding theirs = store.insert(UUID.randomUUID(), TenantId.of("theirs-" + UUID.randomUUID().toString().substring(0, 6)),
                Tier.BASIC, null, "op", "pod-ab/" + UUID.randomUUID(), Duration.ofMinutes(5)).orElseThrow();

        assertThat(store.releaseInstance("pod-a/")).isEqualTo(1);

        assertThat(store.find(mine.id()).orElseThrow().status()).isEqualTo(OnboardingStatus.FAILED);
        assertThat(store.find(theirs.id()).orElseThrow().status()).isEqualTo(OnboardingStatus.RUNNING);
        assertThatThrownBy(() -> store.stepStarted(mine.id(), mine.fence(), Step.MARK_CONFIGURED))
                .as("the dead predecessor's token is void").isInstanceOf(LeaseLostException.class);
    }

    @Test
    void aLiveLeaseIsNotExpiredAndRenewingKeepsItAlive() {
        Onboarding o = insert(null, Duration.ofMinutes(5));
        assertThat(store.renewLeases("owner-a", java.util.Map.of(o.id(), o.fence()), Duration.ofMinutes(5)))
                .containsExactly(o.id());
        store.expireLeases();

        assertThat(store.find(o.id()).orElseThrow().status()).isEqualTo(OnboardingStatus.RUNNING);
    }

    @Test
    void compensationsAreAppendedAfterTheForwardSteps() {
        Onboarding o = insert(null, Duration.ofMinutes(1));
        store.stepStarted(o.id(), o.fence(), Step.DELETE_KUBERNETES);
        store.stepFinished(o.id(), o.fence(), Step.DELETE_KUBERNETES, StepStatus.SUCCEEDED, 3, null, "8 objects deleted");
        store.stepStarted(o.id(), o.fence(), Step.DELETE_KUBERNETES);

        Onboarding after = store.find(o.id()).orElseThrow();
        assertThat(after.steps().get(after.steps().size() - 1).step()).isEqualTo(Step.DELETE_KUBERNETES);
        assertThat(after.step(Step.DELETE_KUBERNETES).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void theTablesAreNotTenantScopedSoTenantServicesErasureLeavesThem() throws Exception {
        try (Connection c = database.connectAsSuperuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_name"
                     + " IN ('onboardings', 'onboarding_steps') AND column_name = 'tenant_id'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    private static java.util.OptionalLong claim(Onboarding o, String owner) {
        return store.claim(o.id(), Set.of(OnboardingStatus.FAILED), OnboardingStatus.RUNNING, owner, Duration.ofMinutes(1));
    }

    private static Onboarding insert(String key, Duration lease) {
        return store.insert(UUID.randomUUID(), TenantId.of("acme-" + UUID.randomUUID().toString().substring(0, 6)),
                Tier.PREMIUM, key, "test-admin", "owner-a", lease).orElseThrow();
    }
}
