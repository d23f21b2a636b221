package com.aiagents.platform.tenant.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.auth.Role;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code auth.oidc} in tenant-service's config.yml: signing people in with an OpenID Connect provider
 * instead of a password (docs/people-and-access.md, "Signing in with OpenID Connect"). Off while
 * {@code issuer} (OIDC_ISSUER) is empty. {@link #toString()} never shows the client secret.
 * <pre>
 * auth:
 *   oidc:
 *     issuer: ${OIDC_ISSUER:-}                  # discovery at &lt;issuer&gt;/.well-known/openid-configuration
 *     clientId: ${OIDC_CLIENT_ID:-}
 *     clientSecret: ${OIDC_CLIENT_SECRET:-}
 *     redirectUris: ${OIDC_REDIRECT_URIS:-}     # comma-separated, exact matches only
 *     scopes: ${OIDC_SCOPES:-openid email profile}
 *     groupsClaim: ${OIDC_GROUPS_CLAIM:-groups}
 *     roleMapping: ${OIDC_ROLE_MAPPING:-}       # group=role or group=tenant_role:tenant_id, first match wins
 *     displayName: ${OIDC_DISPLAY_NAME:-Sign in with single sign-on}
 * </pre>
 */
public class OidcSettings {
    private String issuer = "";
    private String clientId = "";
    private String clientSecret = "";
    private String redirectUris = "";
    private String scopes = "openid email profile";
    private String groupsClaim = "groups";
    private String roleMapping = "";
    private String displayName = "Sign in with single sign-on";
    /** Connect and read timeout of each call to the provider. */
    private Duration timeout = Duration.seconds(10);
    /** How long the discovery document (and so the endpoints and the JWKS address) is kept. */
    private Duration discoveryCacheTtl = Duration.hours(1);

    /** One line of the mapping: people in {@code group} get {@code role} (and {@code tenantId} for a tenant role). */
    public record Mapping(String group, Role role, String tenantId) {
    }

    @JsonProperty
    public String getIssuer() {
        return issuer;
    }

    @JsonProperty
    public void setIssuer(String issuer) {
        this.issuer = issuer == null ? "" : issuer.trim();
    }

    @JsonProperty
    public String getClientId() {
        return clientId;
    }

    @JsonProperty
    public void setClientId(String clientId) {
        this.clientId = clientId == null ? "" : clientId.trim();
    }

    /** Write-only: the secret is never serialized back. */
    @JsonIgnore
    public String clientSecret() {
        return clientSecret;
    }

    @JsonProperty("clientSecret")
    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret == null ? "" : clientSecret;
    }

    @JsonProperty
    public String getRedirectUris() {
        return redirectUris;
    }

    @JsonProperty
    public void setRedirectUris(String redirectUris) {
        this.redirectUris = redirectUris == null ? "" : redirectUris;
    }

    @JsonProperty
    public String getScopes() {
        return scopes;
    }

    @JsonProperty
    public void setScopes(String scopes) {
        this.scopes = scopes == null || scopes.isBlank() ? "openid email profile" : scopes.trim();
    }

    @JsonProperty
    public String getGroupsClaim() {
        return groupsClaim;
    }

    @JsonProperty
    public void setGroupsClaim(String groupsClaim) {
        this.groupsClaim = groupsClaim == null || groupsClaim.isBlank() ? "groups" : groupsClaim.trim();
    }

    @JsonProperty
    public String getRoleMapping() {
        return roleMapping;
    }

    @JsonProperty
    public void setRoleMapping(String roleMapping) {
        this.roleMapping = roleMapping == null ? "" : roleMapping;
    }

    @JsonProperty
    public String getDisplayName() {
        return displayName;
    }

    @JsonProperty
    public void setDisplayName(String displayName) {
        this.displayName = displayName == null || displayName.isBlank() ? "Sign in with single sign-on" : displayName.trim();
    }

    @JsonProperty
    public Duration getTimeout() {
        return timeout;
    }

    @JsonProperty
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    @JsonProperty
    public Duration getDiscoveryCacheTtl() {
        return discoveryCacheTtl;
    }

    @JsonProperty
    public void setDiscoveryCacheTtl(Duration discoveryCacheTtl) {
        this.discoveryCacheTtl = discoveryCacheTtl;
    }

    public boolean enabled() {
        return !issuer.isEmpty();
    }

    /** The allowed redirect URIs, exactly as configured (order kept, blanks dropped). */
    public Set<String> redirectUriSet() {
        Set<String> uris = new LinkedHashSet<>();
        for (String uri : redirectUris.split(",")) {
            if (!uri.isBlank()) {
                uris.add(uri.trim());
            }
        }
        return uris;
    }

    /** The scopes to ask for, always with {@code openid}. */
    public List<String> scopeList() {
        List<String> list = new ArrayList<>(Arrays.stream(scopes.split("[\\s,]+")).filter(s -> !s.isBlank()).toList());
        if (!list.contains("openid")) {
            list.add(0, "openid");
        }
        return list;
    }

    /**
     * {@code OIDC_ROLE_MAPPING}: {@code group=role} for MSP staff, {@code group=tenant_role:tenant_id}
     * for a tenant's users, comma-separated, in order (the first that matches one of a person's groups wins).
     *
     * @throws IllegalArgumentException naming the entry that is wrong
     */
    public List<Mapping> mappings() {
        List<Mapping> list = new ArrayList<>();
        for (String entry : roleMapping.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("auth.oidc.roleMapping: '" + entry.trim()
                        + "' is not group=role or group=tenant_role:tenant_id");
            }
            String group = entry.substring(0, eq).trim();
            String target = entry.substring(eq + 1).trim();
            int colon = target.indexOf(':');
            String roleName = (colon < 0 ? target : target.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
            String tenant = colon < 0 ? null : target.substring(colon + 1).trim();
            Role role = Users.personRole(roleName).orElseThrow(() -> new IllegalArgumentException(
                    "auth.oidc.roleMapping: '" + roleName + "' (group " + group + ") is not admin, operator, viewer, "
                            + "tenant_admin or tenant_viewer"));
            if (!role.tenantBound() && tenant != null) {
                throw new IllegalArgumentException("auth.oidc.roleMapping: " + role.value() + " (group " + group
                        + ") is MSP staff and belongs to no tenant");
            }
            if (role.tenantBound() && (tenant == null || TenantId.problemWith(tenant) != null)) {
                throw new IllegalArgumentException("auth.oidc.roleMapping: " + role.value() + " (group " + group
                        + ") needs a tenant id: group=" + role.value() + ":tenant_id");
            }
            list.add(new Mapping(group, role, tenant));
        }
        return List.copyOf(list);
    }

    /**
     * Fails fast at start on an unusable configuration (when enabled): the issuer an https URL (or
     * http on a loopback address, for a local run), a client id, at least one redirect URI, at least
     * one role mapping that parses.
     *
     * @throws IllegalArgumentException never naming the secret
     */
    public void check() {
        if (!enabled()) {
            return;
        }
        URI uri;
        try {
            uri = URI.create(issuer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("auth.oidc.issuer (OIDC_ISSUER) is not a URL");
        }
        boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback))) {
            throw new IllegalArgumentException("auth.oidc.issuer (OIDC_ISSUER) must be an https URL "
                    + "(http only on localhost, for a local run)");
        }
        if (clientId.isEmpty()) {
            throw new IllegalArgumentException("auth.oidc.clientId (OIDC_CLIENT_ID) is required when OIDC_ISSUER is set");
        }
        if (redirectUriSet().isEmpty()) {
            throw new IllegalArgumentException("auth.oidc.redirectUris (OIDC_REDIRECT_URIS) is required when OIDC_ISSUER is set");
        }
        if (mappings().isEmpty()) {
            throw new IllegalArgumentException("auth.oidc.roleMapping (OIDC_ROLE_MAPPING) is required when OIDC_ISSUER is set");
        }
    }

    @Override
    public String toString() {
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret.isEmpty() ? "(none)" : "(set)") + "]";
    }
}
