package com.aiagents.platform.tenant.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.common.auth.Role;
import org.junit.jupiter.api.Test;

/** {@code auth.oidc}: the role mapping's syntax and the start-up checks (docs/people-and-access.md). */
class OidcSettingsTest {

    private static OidcSettings enabled(String mapping) {
        OidcSettings settings = new OidcSettings();
        settings.setIssuer("https://login.example.com/tenant/v2.0");
        settings.setClientId("console");
        settings.setClientSecret("s3cr3t-value");
        settings.setRedirectUris(" https://console.example/cb , ,http://127.0.0.1:3000/cb");
        settings.setRoleMapping(mapping);
        return settings;
    }

    @Test
    void theMappingKeepsItsOrderAndReadsTenantRoles() {
        OidcSettings settings = enabled("msp-admins=admin, msp-ops = operator,acme-it=tenant_admin:acme-corp,"
                + "role=readers=tenant_viewer:acme-corp");
        settings.check();
        assertThat(settings.mappings()).containsExactly(
                new OidcSettings.Mapping("msp-admins", Role.ADMIN, null),
                new OidcSettings.Mapping("msp-ops", Role.OPERATOR, null),
                new OidcSettings.Mapping("acme-it", Role.TENANT_ADMIN, "acme-corp"),
                // a group name may hold '=' (the last one separates the role), not ','
                new OidcSettings.Mapping("role=readers", Role.TENANT_VIEWER, "acme-corp"));
        assertThat(settings.redirectUriSet()).containsExactly("https://console.example/cb", "http://127.0.0.1:3000/cb");
        assertThat(settings.scopeList()).containsExactly("openid", "email", "profile");
    }

    @Test
    void aWrongMappingStopsTheStartNamingTheEntry() {
        assertThatThrownBy(() -> enabled("msp-admins=superuser").check()).hasMessageContaining("superuser");
        assertThatThrownBy(() -> enabled("acme-it=tenant_admin").check()).hasMessageContaining("needs a tenant id");
        assertThatThrownBy(() -> enabled("acme-it=tenant_admin:Not A Tenant").check()).hasMessageContaining("needs a tenant id");
        assertThatThrownBy(() -> enabled("msp-admins=admin:acme-corp").check()).hasMessageContaining("belongs to no tenant");
        assertThatThrownBy(() -> enabled("no-equals-sign").check()).hasMessageContaining("no-equals-sign");
        assertThatThrownBy(() -> enabled("").check()).hasMessageContaining("OIDC_ROLE_MAPPING");
    }

    @Test
    void anEnabledProviderNeedsAnHttpsIssuerAClientAndRedirects() {
        OidcSettings plainHttp = enabled("g=admin");
        plainHttp.setIssuer("http://login.example.com");
        assertThatThrownBy(plainHttp::check).hasMessageContaining("https");
        OidcSettings noClient = enabled("g=admin");
        noClient.setClientId("");
        assertThatThrownBy(noClient::check).hasMessageContaining("OIDC_CLIENT_ID");
        OidcSettings noRedirect = enabled("g=admin");
        noRedirect.setRedirectUris(" , ");
        assertThatThrownBy(noRedirect::check).hasMessageContaining("OIDC_REDIRECT_URIS");
        // a local provider on the loopback address may be plain http
        OidcSettings local = enabled("g=admin");
        local.setIssuer("http://localhost:8888/default");
        local.check();
        assertThat(local.enabled()).isTrue();
    }

    @Test
    void offWithoutAnIssuerAndNeverShowingTheSecret() {
        OidcSettings off = new OidcSettings();
        off.check();
        assertThat(off.enabled()).isFalse();
        assertThat(off.mappings()).isEmpty();
        assertThat(enabled("g=admin").toString()).doesNotContain("s3cr3t-value").contains("(set)");
    }
}
