package com.aiagents.platform.worker.queue;

/** Does one attempt at a job. Must not throw for expected failures: it says what happened instead. */
@FunctionalInterface
public interface JobHandler {

    /**
     * @param claimed the job as held in this worker's processing list
     * @param lease   whether this worker still holds the job; check it right before an action that
     *                must happen at most once (posting the note)
     */
    JobOutcome handle(ClaimedJob claimed, Lease lease);

    /** This worker's hold on a job. */
    @FunctionalInterface
    interface Lease {
        boolean stillHeld();
    }
}
