package com.aiagents.platform.gates.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.gates.api.LatestGateRun;
import com.aiagents.platform.gates.core.GateResult;
import com.aiagents.platform.gates.core.GateRun;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabase;
import com.aiagents.platform.testing.TestDatabaseExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each tenant's latest gate run, for a page of tenants in one transaction, read as gates-runner's
 * own role under RLS: the newest run of each, whole (all its gates), nothing of another tenant, and
 * null for a tenant without runs. The last test prints the time for 1,000 tenants in pages of 200.
 */
class LatestGateRunsTest {
    @RegisterExtension
    static final TestDatabaseExtension DB = new TestDatabaseExtension();

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private static TenantDatabase database() {
        TestDatabase db = DB.get();
        return new TenantDatabase(Jdbi.create(db.jdbcUrl(), db.roleFor(ServiceRole.GATES_RUNNER), db.password()));
    }

    private GateRunStore store() {
        return new GateRunStore(database(), JsonMapper.create());
    }

    @Test
    void theNewestRunOfEachTenantWithItsGatesAndNullForNone() {
        GateRunStore store = store();
        TenantId acme = TenantId.of("latest-acme");
        TenantId globex = TenantId.of("latest-globex");
        store.record(run("run-acme-old", acme, 0, List.of(1, 2, 3, 4), List.of()));
        store.record(run("run-acme-new", acme, 60, List.of(1, 2, 3, 4), List.of(3)));
        store.record(run("run-globex-gate-2", globex, 30, List.of(2), List.of()));
        store.record(run("run-globex", globex, 120, List.of(1, 2, 3, 4), List.of()));

        Map<TenantId, LatestGateRun> latest = store.latest(List.of(TenantId.of("latest-none"), globex, acme));

        assertThat(latest.keySet()).containsExactly(TenantId.of("latest-none"), globex, acme);
        assertThat(latest.get(TenantId.of("latest-none"))).isNull();
        // finished_at is the time the run was recorded (the database stamps it: V5), so the latest is
        // the last recorded
        assertThat(latest.get(acme)).usingRecursiveComparison().ignoringFields("finishedAt").isEqualTo(new LatestGateRun(
                "run-acme-new", false, false, List.of(1, 2, 3, 4), List.of(3), T0.plusSeconds(60), null));
        assertThat(latest.get(globex)).usingRecursiveComparison().ignoringFields("finishedAt").isEqualTo(new LatestGateRun(
                "run-globex", true, true, List.of(1, 2, 3, 4), List.of(), T0.plusSeconds(120), null));
        assertThat(latest.get(globex).finishedAt()).isAfter(latest.get(acme).finishedAt());
    }

    @Test
    void aThousandTenantsInPagesOfTwoHundred() {
        GateRunStore store = store();
        List<TenantId> tenants = IntStream.range(0, 1000).mapToObj(i -> TenantId.of(String.format("bench-%04d", i))).toList();
        // three runs of four gates per tenant, each run in its own transaction (the database stamps
        // finished_at with the transaction's time), all tenants of a round in one
        for (int r = 0; r < 3; r++) {
            int round = r;
            database().inEachTenant(tenants, (tenant, h) -> h.execute("INSERT INTO gate_runs (run_id, tenant_id, gate, "
                    + "gate_name, passed, summary, duration_ms, started_at) SELECT ?, ?, g, 'gate ' || g, true, 'ok', 1000, "
                    + "now() FROM generate_series(1, 4) g", tenant.value() + "-run-" + round, tenant.value()));
        }
        store.latest(tenants.subList(0, 200)); // warm up
        List<Long> millis = new ArrayList<>();
        List<LatestGateRun> all = new ArrayList<>();
        for (int page = 0; page < 5; page++) {
            long start = System.nanoTime();
            all.addAll(store.latest(tenants.subList(page * 200, page * 200 + 200)).values());
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        System.out.printf("latest_gate_runs_bench tenants=1000 page=200 runs_per_tenant=3 page_millis=%s%n", millis);
        assertThat(all).hasSize(1000).allSatisfy(run -> assertThat(run.runId()).endsWith("-run-2"));
    }

    /** Gate g of the run starts at offset + g - 1 seconds (its end is stamped by the database). */
    private static GateRun run(String runId, TenantId tenant, int offsetSeconds, List<Integer> gates, List<Integer> failing) {
        List<GateResult> results = new ArrayList<>();
        for (int gate : gates) {
            Instant start = T0.plusSeconds(offsetSeconds + gate - 1L);
            results.add(new GateResult(gate, "gate " + gate, !failing.contains(gate), "summary", Map.of(), 1000,
                    start, start.plusSeconds(1)));
        }
        return new GateRun(runId, tenant, results);
    }
}
