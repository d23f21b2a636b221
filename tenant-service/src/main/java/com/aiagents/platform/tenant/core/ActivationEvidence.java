package com.aiagents.platform.tenant.core;

import static com.aiagents.platform.api.TenantStatus.SUSPENDED;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.tenant.db.GateRunQueries;
import com.aiagents.platform.tenant.db.GateRunQueries.PassingRun;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The recorded gate run that lets a tenant become {@code active} (docs/api/tenant-service.md), found in the
 * transaction that changes the status; there is no other path and no override.
 * <ul>
 *   <li>Going live ({@code configured → active}): the latest run passed 4/4 within
 *       {@code gateRunMaxAge}.</li>
 *   <li>Resuming ({@code suspended → active}): the latest full run passed 4/4, at any age, and no
 *       later run failed. No age limit because nothing can be re-proven end to end while suspended:
 *       the gateway refuses the tenant's webhooks, so gate 3 cannot pass, and gates-runner refuses to
 *       run for a suspended tenant.</li>
 * </ul>
 */
final class ActivationEvidence {
    static final String GO_LIVE_RULE = "activate_recent_passing_run";
    static final String RESUME_RULE = "resume_last_passing_run";

    private final GateRunQueries gateRuns;
    private final Duration maxAge;

    ActivationEvidence(GateRunQueries gateRuns, Duration maxAge) {
        this.gateRuns = gateRuns;
        this.maxAge = maxAge;
    }

    /**
     * The audit details naming the rule and the run that allowed it.
     *
     * @throws ApiException 409 {@code gates_not_passed} when the rule for {@code from} is not met
     */
    Map<String, Object> require(Handle handle, TenantId id, TenantStatus from) {
        if (from == SUSPENDED) {
            return details(RESUME_RULE, gateRuns.lastFullPassingRun(handle, id).orElseThrow(() -> notPassed(
                    "resuming needs the tenant's latest full gate run to have passed all four gates, "
                            + "with no failing run recorded after it")));
        }
        return details(GO_LIVE_RULE, gateRuns.latestPassingRun(handle, id, maxAge).orElseThrow(() -> notPassed(
                "activation needs a recorded gate run in which all four gates passed within the last "
                        + maxAge.toHours() + " hours")));
    }

    private static Map<String, Object> details(String rule, PassingRun run) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rule", rule);
        details.put("gate_run_id", run.runId());
        details.put("gate_run_age_seconds", run.ageSeconds());
        return details;
    }

    private static ApiException notPassed(String message) {
        return ApiException.conflict("gates_not_passed", message);
    }
}
