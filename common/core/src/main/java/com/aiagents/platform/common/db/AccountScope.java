package com.aiagents.platform.common.db;

import org.jdbi.v3.core.Handle;

/**
 * The MSP account scope of a transaction: {@code app.current_account}, set transaction-locally
 * like the tenant context. While it is set, the {@code account_scope} policies (V15) let the
 * context tables ({@code ticket_history}, {@code kb_articles}, {@code system_inventory}) show and
 * take only that account's rows, and {@code similar_ticket_candidates} ranks only that account's
 * tickets: the database keeps one customer's tickets out of another's note, not a filter after
 * the query. Unset, or empty on a pooled connection, it narrows nothing beyond the tenant.
 */
public final class AccountScope {
    public static final String SETTING = "app.current_account";

    private AccountScope() {
    }

    /** Keeps the rest of {@code handle}'s transaction to {@code account}'s rows. */
    public static void restrictTo(Handle handle, String account) {
        if (account == null || account.isBlank()) {
            throw new IllegalArgumentException("an account scope needs an account name");
        }
        handle.createQuery("SELECT set_config('" + SETTING + "', :account, true)")
                .bind("account", account)
                .mapTo(String.class)
                .one();
    }
}
