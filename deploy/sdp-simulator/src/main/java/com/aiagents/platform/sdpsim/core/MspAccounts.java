package com.aiagents.platform.sdpsim.core;

import com.aiagents.platform.sdpsim.errors.SdpApiError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The customer accounts of an MSP instance and their sites. Like ServiceDesk Plus MSP, a request
 * must name an account and a site of that account; names match case-insensitively and are stored
 * as the instance spells them.
 */
public final class MspAccounts {

    public static final MspAccounts NONE = new MspAccounts(Map.of());

    private final Map<String, List<String>> sitesByAccount;

    public MspAccounts(Map<String, List<String>> sitesByAccount) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        sitesByAccount.forEach((account, sites) -> copy.put(account, List.copyOf(sites)));
        this.sitesByAccount = Map.copyOf(copy);
    }

    public boolean isEmpty() {
        return sitesByAccount.isEmpty();
    }

    public Map<String, List<String>> asMap() {
        return sitesByAccount;
    }

    /** An account and one of its sites, spelled as the instance spells them. */
    public record Placement(String account, String site) {
    }

    /**
     * Where a request named {@code accountName}/{@code siteName} goes.
     *
     * @throws SdpApiError 4012 when the account or site is missing, 4001 when either is unknown
     */
    public Placement place(String accountName, String siteName) {
        if (accountName == null || accountName.isBlank()) {
            throw SdpApiError.missing("account");
        }
        String account = find(sitesByAccount.keySet(), accountName)
                .orElseThrow(() -> SdpApiError.badValue("account", "unknown account '" + accountName + "'"));
        if (siteName == null || siteName.isBlank()) {
            throw SdpApiError.missing("site");
        }
        String site = find(sitesByAccount.get(account), siteName)
                .orElseThrow(() -> SdpApiError.badValue("site",
                        "site '" + siteName + "' does not belong to account '" + account + "'"));
        return new Placement(account, site);
    }

    private static Optional<String> find(Iterable<String> names, String wanted) {
        String key = wanted.trim().toLowerCase(Locale.ROOT);
        for (String name : names) {
            if (name.toLowerCase(Locale.ROOT).equals(key)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }
}
