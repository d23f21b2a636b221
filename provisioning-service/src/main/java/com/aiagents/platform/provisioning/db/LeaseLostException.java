package com.aiagents.platform.provisioning.db;

import java.util.UUID;

/**
 * A write of a run whose fencing token is no longer current: its lease ran out and the onboarding
 * was expired or claimed by another run. The runner must stop; nothing it would write is written.
 */
public final class LeaseLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LeaseLostException(UUID id, long fence) {
        super("onboarding " + id + ": lease lost (fencing token " + fence + " is no longer current)", null, false, false);
    }
}
