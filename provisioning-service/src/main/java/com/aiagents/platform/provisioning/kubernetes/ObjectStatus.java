package com.aiagents.platform.provisioning.kubernetes;

import java.util.List;
import java.util.Objects;

/**
 * One object's state against what the tenant should have.
 *
 * @param differences for {@link State#DRIFTED}: one line per managed field that differs, e.g.
 *                    {@code spec.hard.pods: desired 10, actual 20}. Secret data is only ever
 *                    reported as differing, never shown.
 */
public record ObjectStatus(ObjectRef ref, State state, List<String> differences) {

    public enum State {
        /** Exists and every managed field is as desired. */
        PRESENT,
        /** Does not exist (or is being deleted). */
        MISSING,
        /** Exists, but a managed field (labels, quota, spec, rules, secret data hash) differs. */
        DRIFTED,
        /** Belongs to the tenant's other tier and is still there: {@code apply} removes it. */
        LEFTOVER,
        /**
         * Delivered out of band, so not checked here: the credentials Secret in manifests mode, which
         * never goes into the GitOps directory (secrets do not belong in git). The operator creates
         * it with the runbook's command or a secrets pipeline (docs/runbooks/onboarding.md).
         */
        EXTERNAL
    }

    public ObjectStatus {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(state, "state");
        differences = List.copyOf(differences);
    }
}
