package com.aiagents.platform.sdpsim.api;

import com.aiagents.platform.sdpsim.core.Edition;
import com.aiagents.platform.sdpsim.core.Faults;
import com.aiagents.platform.sdpsim.core.InstanceSpec;
import com.aiagents.platform.sdpsim.core.OAuthClient;
import com.aiagents.platform.sdpsim.errors.SimApiException;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.regex.Pattern;

/**
 * {@code POST /sim/instances}: {@code {"name", "edition": "onprem"|"cloud", "api_key", "webhook",
 * "faults", "oauth"}}. On-prem needs {@code api_key}; on cloud it is optional and, if given, is
 * accepted as a long-lived access token next to the ones the token endpoint mints.
 */
public record CreateInstanceRequest(
        @JsonProperty("name") String name,
        @JsonProperty("edition") String edition,
        @JsonProperty("api_key") String apiKey,
        @JsonProperty("webhook") WebhookSpec webhook,
        @JsonProperty("faults") FaultsSpec faults,
        @JsonProperty("oauth") OAuthClientSpec oauth) {

    /** The tenant id rule of docs/api/README.md, since an instance usually stands for one tenant. */
    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?$");

    public InstanceSpec toSpec() {
        if (name == null || !NAME.matcher(name).matches()) {
            throw SimApiException.badRequest("invalid-name",
                    "name must be 1-50 lowercase letters, digits or inner hyphens");
        }
        Edition parsedEdition = Edition.fromWireName(edition).orElseThrow(() ->
                SimApiException.badRequest("invalid-edition", "edition must be 'onprem' or 'cloud'"));
        boolean hasKey = apiKey != null && !apiKey.isBlank();
        OAuthClient client = null;
        if (parsedEdition == Edition.ONPREM) {
            if (!hasKey) {
                throw SimApiException.badRequest("missing-api-key", "an onprem instance needs an api_key");
            }
            if (oauth != null) {
                throw SimApiException.badRequest("invalid-oauth", "oauth applies to cloud instances only");
            }
        } else {
            client = oauth == null ? OAuthClientSpec.generated() : oauth.toClient();
        }
        return new InstanceSpec(name, parsedEdition, hasKey ? apiKey : null, client,
                webhook == null ? null : webhook.toTarget(),
                faults == null ? Faults.NONE : faults.applyTo(Faults.NONE));
    }

    @Override
    public String toString() {
        return "CreateInstanceRequest[name=" + name + ", edition=" + edition + ", apiKey=***, webhook=" + webhook
                + ", faults=" + faults + ", oauth=" + oauth + "]";
    }
}
