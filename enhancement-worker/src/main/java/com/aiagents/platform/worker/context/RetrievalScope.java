package com.aiagents.platform.worker.context;

import com.aiagents.platform.api.ContextScope;
import com.aiagents.platform.api.TenantRuntimeConfig;

/**
 * Whose rows a ticket's context may come from: the whole tenant, or (a ServiceDesk Plus MSP tenant
 * with {@code context_scope: account}) only the ticket's own customer account.
 *
 * @param account the account to keep to; null with {@code accountScoped} means the ticket names no
 *                account, and then nothing is visible (fail closed: never the whole tenant)
 */
public record RetrievalScope(boolean accountScoped, String account) {

    public static final RetrievalScope TENANT = new RetrievalScope(false, null);

    /** The scope for a ticket of {@code ticketAccount} (null when SDP names none) of this tenant. */
    public static RetrievalScope of(TenantRuntimeConfig config, String ticketAccount) {
        if (config.effectiveContextScope() != ContextScope.ACCOUNT) {
            return TENANT;
        }
        return new RetrievalScope(true, ticketAccount == null || ticketAccount.isBlank() ? null : ticketAccount);
    }

    /** An account-scoped ticket without an account may see no context at all. */
    boolean seesNothing() {
        return accountScoped && account == null;
    }
}
