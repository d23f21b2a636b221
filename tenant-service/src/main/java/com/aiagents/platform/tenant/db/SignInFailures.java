package com.aiagents.platform.tenant.db;

import java.time.Duration;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/**
 * {@code sign_in_failures} (V19): failed sign-ins per account (the SHA-256 of the address typed) and
 * per client address, counted in the database so every replica throttles alike.
 */
public final class SignInFailures {
    /**
     * Seconds until the next attempt is admitted, when {@code column} = {@code key} already has
     * {@code max} failures within {@code window}; empty when it has fewer.
     */
    public OptionalLong retryAfter(Handle handle, Column column, String key, int max, Duration window) {
        return handle.createQuery("SELECT ceil(extract(epoch FROM (failed_at + make_interval(secs => :window) "
                        + "- clock_timestamp())))::bigint FROM sign_in_failures WHERE " + column.sql + " = :key "
                        + "AND failed_at > clock_timestamp() - make_interval(secs => :window) "
                        + "ORDER BY failed_at DESC OFFSET :skip LIMIT 1")
                .bind("window", (double) window.toSeconds())
                .bind("key", key)
                .bind("skip", max - 1)
                .mapTo(Long.class)
                .findOne()
                .map(seconds -> OptionalLong.of(Math.max(1L, seconds)))
                .orElse(OptionalLong.empty());
    }

    /** Records one failure, and forgets failures older than {@code window}. */
    public void record(Handle handle, String accountSha256, String clientAddress, Duration window) {
        handle.createUpdate("INSERT INTO sign_in_failures (account_sha256, client_address) VALUES (:account, :address)")
                .bind("account", accountSha256).bind("address", clientAddress)
                .execute();
        handle.createUpdate("DELETE FROM sign_in_failures WHERE failed_at < clock_timestamp() - make_interval(secs => :window)")
                .bind("window", (double) window.toSeconds())
                .execute();
    }

    /** A successful sign-in clears its account's failures (not its address's). */
    public void clearAccount(Handle handle, String accountSha256) {
        handle.createUpdate("DELETE FROM sign_in_failures WHERE account_sha256 = :account")
                .bind("account", accountSha256)
                .execute();
    }

    public enum Column {
        ACCOUNT("account_sha256"), ADDRESS("client_address");

        private final String sql;

        Column(String sql) {
            this.sql = sql;
        }
    }
}
