package com.aiagents.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;

/**
 * A ServiceDesk Plus MSP tenant's {@code servicedesk_msp}: the customer accounts it covers (empty:
 * all of the instance's accounts) and the account and site where gate 3 raises its test request.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record MspSettings(
        @JsonProperty("accounts") List<String> accounts,
        @JsonProperty("gate_account") String gateAccount,
        @JsonProperty("gate_site") String gateSite) {

    public MspSettings {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    /** Whether tickets of {@code account} are this tenant's (names compare case-insensitively, as SDP's do). */
    public boolean covers(String account) {
        if (account == null) {
            return false;
        }
        String wanted = account.toLowerCase(Locale.ROOT);
        return accounts.isEmpty() || accounts.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(wanted));
    }
}
