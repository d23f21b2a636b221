package com.aiagents.platform.sdpsim.api;

import com.aiagents.platform.sdpsim.core.Edition;
import com.aiagents.platform.sdpsim.core.Faults;
import com.aiagents.platform.sdpsim.core.InstanceSpec;
import com.aiagents.platform.sdpsim.core.MspAccounts;
import com.aiagents.platform.sdpsim.core.OAuthClient;
import com.aiagents.platform.sdpsim.errors.SimApiException;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code POST /sim/instances}: {@code {"name", "edition": "onprem"|"cloud"|"msp", "api_key", "webhook",
 * "faults", "oauth", "accounts"}}. On-prem and MSP need {@code api_key}; on cloud it is optional and, if
 * given, is accepted as a long-lived access token next to the ones the token endpoint mints. MSP needs
 * {@code "accounts": {"Contoso": ["Main", "Branch"], ...}} (each account with at least one site).
 */
public record CreateInstanceRequest(
        @JsonProperty("name") String name,
        @JsonProperty("edition") String edition,
        @JsonProperty("api_key") String apiKey,
        @JsonProperty("webhook") WebhookSpec webhook,
        @JsonProperty("faults") FaultsSpec faults,
        @JsonProperty("oauth") OAuthClientSpec oauth,
        @JsonProperty("accounts") Map<String, List<String>> accounts) {

    /** The tenant id rule of docs/api/README.md, since an instance usually stands for one tenant. */
    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?$");

    public InstanceSpec toSpec() {
        if (name == null || !NAME.matcher(name).matches()) {
            throw SimApiException.badRequest("invalid-name",
                    "name must be 1-50 lowercase letters, digits or inner hyphens");
        }
        Edition parsedEdition = Edition.fromWireName(edition).orElseThrow(() ->
                SimApiException.badRequest("invalid-edition", "edition must be 'onprem', 'cloud' or 'msp'"));
        boolean hasKey = apiKey != null && !apiKey.isBlank();
        OAuthClient client = null;
        if (parsedEdition.usesApiKey()) {
            if (!hasKey) {
                throw SimApiException.badRequest("missing-api-key", "an " + edition + " instance needs an api_key");
            }
            if (oauth != null) {
                throw SimApiException.badRequest("invalid-oauth", "oauth applies to cloud instances only");
            }
        } else {
            client = oauth == null ? OAuthClientSpec.generated() : oauth.toClient();
        }
        return new InstanceSpec(name, parsedEdition, hasKey ? apiKey : null, client,
                webhook == null ? null : webhook.toTarget(),
                faults == null ? Faults.NONE : faults.applyTo(Faults.NONE), mspAccounts(parsedEdition));
    }

    private MspAccounts mspAccounts(Edition parsedEdition) {
        if (parsedEdition != Edition.MSP) {
            if (accounts != null) {
                throw SimApiException.badRequest("invalid-accounts", "accounts apply to msp instances only");
            }
            return MspAccounts.NONE;
        }
        if (accounts == null || accounts.isEmpty()) {
            throw SimApiException.badRequest("missing-accounts",
                    "an msp instance needs accounts, e.g. {\"Contoso\": [\"Main\"]}");
        }
        accounts.forEach((account, sites) -> {
            if (account == null || account.isBlank() || sites == null || sites.isEmpty()
                    || sites.stream().anyMatch(site -> site == null || site.isBlank())) {
                throw SimApiException.badRequest("invalid-accounts",
                        "every account needs a non-blank name and at least one non-blank site");
            }
        });
        return new MspAccounts(new LinkedHashMap<>(accounts));
    }

    @Override
    public String toString() {
        return "CreateInstanceRequest[name=" + name + ", edition=" + edition + ", apiKey=***, webhook=" + webhook
                + ", faults=" + faults + ", oauth=" + oauth + ", accounts=" + accounts + "]";
    }
}
