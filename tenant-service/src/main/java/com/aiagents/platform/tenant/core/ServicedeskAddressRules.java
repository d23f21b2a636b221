package com.aiagents.platform.tenant.core;

import com.aiagents.platform.api.ServicedeskCredentials;
import com.aiagents.platform.sdp.net.NetworkPolicy;
import com.aiagents.platform.sdp.net.SdpUrlCheck;
import com.aiagents.platform.tenant.db.StoredTenant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Where a tenant's SDP may be, checked when the tenant is saved: {@code servicedesk_url} and the
 * Zoho {@code accounts_url} must be https to globally routable addresses or inside the tenant's
 * {@code servicedesk_private_networks} (unless {@code SDP_ALLOW_PRIVATE_NETWORKS=true}), and moving
 * the URL to another host needs the credentials again, so the stored ones are never sent to a host
 * they were not given for. The SDP client checks the same rules again at every connection.
 */
public final class ServicedeskAddressRules {
    private final boolean allowPrivateNetworks;
    private final SdpUrlCheck.Resolver resolver;

    public ServicedeskAddressRules(boolean allowPrivateNetworks, SdpUrlCheck.Resolver resolver) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.resolver = resolver;
    }

    void checkCreate(NewTenant tenant) {
        FieldErrors errors = new FieldErrors();
        NetworkPolicy policy = policy(tenant.privateNetworks());
        check(tenant.servicedeskUrl(), policy, "servicedesk_url", "", errors);
        checkAccountsUrl(tenant.credentials(), policy, errors);
        errors.throwIfAny();
    }

    void checkPatch(StoredTenant current, TenantChanges changes) {
        FieldErrors errors = new FieldErrors();
        List<String> networks = changes.privateNetworks() != null ? changes.privateNetworks() : current.privateNetworks();
        NetworkPolicy policy = policy(networks);
        if (changes.servicedeskUrl() != null) {
            check(changes.servicedeskUrl(), policy, "servicedesk_url", "", errors);
        } else if (changes.privateNetworks() != null) {
            // narrowing the networks must not strand the URL the tenant already has
            check(current.servicedeskUrl(), policy, PrivateNetworks.FIELD, "the tenant's servicedesk_url ", errors);
        }
        checkAccountsUrl(changes.credentials(), policy, errors);
        if (hostChange(current, changes).isPresent() && changes.credentials() == null) {
            errors.add("servicedesk_credentials", "required when servicedesk_url moves to another host: "
                    + "the stored credentials are never sent to a host they were not given for");
        }
        errors.throwIfAny();
    }

    /**
     * What is wrong with a tenant's own LLM endpoint URL: the same rules as its SDP (https, a
     * globally routable address unless SDP_ALLOW_PRIVATE_NETWORKS=true), without the tenant's SDP
     * private networks, which were allowed for its SDP only.
     */
    Optional<String> llmUrlProblem(String url) {
        return SdpUrlCheck.problem(url, policy(List.of()), resolver, "a tenant's LLM endpoint");
    }

    /** The old and new host when the patch moves the URL to another host. */
    static Optional<List<String>> hostChange(StoredTenant current, TenantChanges changes) {
        if (changes.servicedeskUrl() == null) {
            return Optional.empty();
        }
        String before = host(current.servicedeskUrl());
        String after = host(changes.servicedeskUrl());
        return Objects.equals(before, after) ? Optional.empty()
                : Optional.of(List.of(before == null ? "(unparsable)" : before, after == null ? "(unparsable)" : after));
    }

    private void checkAccountsUrl(ServicedeskCredentials credentials, NetworkPolicy policy, FieldErrors errors) {
        if (credentials != null && credentials.accountsUrl() != null) {
            check(credentials.accountsUrl(), policy, "servicedesk_credentials.accounts_url", "", errors);
        }
    }

    private void check(String url, NetworkPolicy policy, String field, String prefix, FieldErrors errors) {
        if (url != null) {
            SdpUrlCheck.problem(url, policy, resolver).ifPresent(problem -> errors.add(field, prefix + problem));
        }
    }

    private NetworkPolicy policy(List<String> networks) {
        return new NetworkPolicy(allowPrivateNetworks, PrivateNetworks.cidrs(networks));
    }

    static String host(String url) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
        return parsed == null ? null : parsed.host();
    }
}
