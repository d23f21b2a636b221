package com.aiagents.platform.common.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Role;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who an entry a service sends names: the static token's name, or the person, and under impersonation the tenant too. */
class AuditEntryTest {
    private static final TenantId ACME = TenantId.of("acme-corp");
    private static final PlatformPrincipal.Person ALICE =
            new PlatformPrincipal.Person(UUID.fromString("7d9f0c6e-1111-4c1e-9a55-0c7c4f1d2a10"), "alice@msp.example", "s-1");

    @Test
    void aStaticTokenIsNamedAsBefore() {
        AuditEntry entry = AuditEntry.of("worker.x", ACME).requestedBy(new PlatformPrincipal("platform-operator", Role.OPERATOR), null);
        assertThat(entry.actingFor()).isEqualTo("platform-operator");
        assertThat(entry.details()).isEmpty();
    }

    @Test
    void aPersonIsNamedWithUserAndSession() {
        AuditEntry entry = AuditEntry.of("worker.x", ACME).requestedBy(PlatformPrincipal.person(ALICE, Role.OPERATOR, null), null);
        assertThat(entry.actingFor()).isEqualTo("alice@msp.example");
        assertThat(entry.details()).containsEntry("user_id", ALICE.userId().toString()).containsEntry("session_id", "s-1")
                .doesNotContainKey("impersonated_tenant");
    }

    @Test
    void anImpersonatingAdminIsNamedWithTheTenant() {
        PlatformPrincipal admin = PlatformPrincipal.person(ALICE, Role.ADMIN, null);
        PlatformPrincipal impersonating = new PlatformPrincipal(admin.name(), Role.TENANT_ADMIN, ALICE, ACME, true);
        AuditEntry entry = AuditEntry.of("worker.x", ACME).requestedBy(impersonating, null);
        assertThat(entry.actingFor()).isEqualTo("alice@msp.example");
        assertThat(entry.details()).containsEntry("impersonated_tenant", "acme-corp");
        assertThat(impersonating.actorRole()).isEqualTo(Role.ADMIN);
        assertThat(impersonating.tenantScope()).contains(ACME);
        assertThat(admin.tenantScope()).isEmpty();
    }
}
