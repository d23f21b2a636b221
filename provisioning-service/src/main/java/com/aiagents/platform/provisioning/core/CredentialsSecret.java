package com.aiagents.platform.provisioning.core;

import com.aiagents.platform.api.ServicedeskCredentials;
import com.aiagents.platform.api.ServicedeskEdition;
import com.aiagents.platform.api.TenantRuntimeConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tenant's credentials Secret in Kubernetes ({@code tenant-<id>-credentials}): its SDP
 * credentials as tenant-service's runtime config holds them (decrypted, service role only), so a
 * resumed onboarding or a later {@code apply} needs nothing from the original request. The
 * webhook secret is not in it: it rotates in tenant-service and only the gateway needs it.
 */
public final class CredentialsSecret {
    private CredentialsSecret() {
    }

    /** Secret key → value; values are secrets and must never be logged. */
    public static Map<String, String> of(TenantRuntimeConfig config) {
        Map<String, String> data = new LinkedHashMap<>();
        TenantRuntimeConfig.Servicedesk servicedesk = config.servicedesk();
        if (servicedesk == null || servicedesk.credentials() == null) {
            return data;
        }
        ServicedeskCredentials credentials = servicedesk.credentials();
        if (servicedesk.edition() == ServicedeskEdition.CLOUD) {
            putIfSet(data, "sdp_client_id", credentials.clientId());
            putIfSet(data, "sdp_client_secret", credentials.clientSecret());
            putIfSet(data, "sdp_refresh_token", credentials.refreshToken());
            putIfSet(data, "sdp_accounts_url", credentials.accountsUrl());
        } else {
            putIfSet(data, "sdp_api_key", credentials.apiKey());
        }
        return data;
    }

    private static void putIfSet(Map<String, String> data, String key, String value) {
        if (value != null && !value.isEmpty()) {
            data.put(key, value);
        }
    }
}
