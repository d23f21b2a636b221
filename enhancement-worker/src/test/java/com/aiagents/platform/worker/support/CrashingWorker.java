package com.aiagents.platform.worker.support;

import com.aiagents.platform.worker.EnhancementWorkerApplication;
import com.aiagents.platform.worker.core.JobProcessor;
import com.aiagents.platform.worker.queue.JobHandler;

/**
 * The real worker, except that its JVM dies on the spot ({@code Runtime.halt}: no shutdown hook,
 * no finally block, as under the OOM killer) whenever it starts on the ticket named by the system
 * property {@code crash.ticket} as {@code <tenant_id>/<ticket_id>}: a job that kills every worker
 * that takes it.
 */
public final class CrashingWorker extends EnhancementWorkerApplication {
    public static final String TICKET_PROPERTY = "crash.ticket";

    public static void main(String[] args) throws Exception {
        new CrashingWorker().run(args);
    }

    @Override
    protected JobHandler handler(JobProcessor processor) {
        String poison = System.getProperty(TICKET_PROPERTY);
        return (claimed, lease) -> {
            if (claimed.job() != null && (claimed.job().tenantId() + "/" + claimed.job().ticketId()).equals(poison)) {
                Runtime.getRuntime().halt(137);
            }
            return processor.handle(claimed, lease);
        };
    }
}
