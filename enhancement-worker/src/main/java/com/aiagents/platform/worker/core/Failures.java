package com.aiagents.platform.worker.core;

import com.aiagents.platform.common.client.TenantDirectoryUnavailableException;
import com.aiagents.platform.common.client.TenantNotFoundException;
import com.aiagents.platform.sdp.SdpErrorKind;
import com.aiagents.platform.sdp.SdpException;
import com.aiagents.platform.worker.queue.JobOutcome;
import java.util.Locale;
import org.jdbi.v3.core.JdbiException;

/**
 * Which failures a retry may fix. Reasons are short slugs (no ticket text, no secret) that go to
 * the dead list, the history row's error column and the logs.
 */
final class Failures {
    private Failures() {
    }

    static JobOutcome classify(RuntimeException e) {
        if (e instanceof SdpException sdp) {
            String reason = "sdp_" + sdp.kind().name().toLowerCase(Locale.ROOT);
            return retryable(sdp.kind()) ? JobOutcome.retry(reason) : JobOutcome.dead(reason);
        }
        if (e instanceof TenantNotFoundException) {
            return JobOutcome.dead("tenant_not_found");
        }
        if (e instanceof TenantDirectoryUnavailableException) {
            return JobOutcome.retry("tenant_service_unavailable");
        }
        if (e instanceof JdbiException) {
            return JobOutcome.retry("database_" + e.getClass().getSimpleName());
        }
        if (e instanceof IllegalArgumentException) {
            return JobOutcome.dead("invalid_" + e.getClass().getSimpleName());
        }
        return JobOutcome.retry("unexpected_" + e.getClass().getSimpleName());
    }

    /** SDP failures that go away by themselves; auth, not-found, bad requests and refused addresses need a person. */
    static boolean retryable(SdpErrorKind kind) {
        return switch (kind) {
            case RATE_LIMITED, SERVER_ERROR, TIMEOUT, UNREACHABLE, CIRCUIT_OPEN, BULKHEAD_FULL, MALFORMED_RESPONSE -> true;
            case NOT_FOUND, AUTHENTICATION, FORBIDDEN, BAD_REQUEST, ADDRESS_REFUSED -> false;
        };
    }

    static String reasonOf(JobOutcome outcome) {
        if (outcome instanceof JobOutcome.Retry r) {
            return r.reason();
        }
        if (outcome instanceof JobOutcome.Dead d) {
            return d.reason();
        }
        if (outcome instanceof JobOutcome.Later l) {
            return l.reason();
        }
        return null;
    }
}
