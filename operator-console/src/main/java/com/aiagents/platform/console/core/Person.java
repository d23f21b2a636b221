package com.aiagents.platform.console.core;

import java.util.Set;

/**
 * Who is signed in, as tenant-service's sign-in answered. The console decides only what to offer
 * from it (which pages, which buttons); every service checks the person's token itself.
 */
public record Person(String id, String email, String role, String tenantId) {
    private static final Set<String> STAFF = Set.of("admin", "operator", "viewer");
    private static final Set<String> STAFF_CHANGES = Set.of("admin", "operator");

    /** MSP staff: admin, operator, viewer (no tenant). */
    public boolean staff() {
        return STAFF.contains(role);
    }

    /** Staff who may change things: admin, operator. */
    public boolean staffChanges() {
        return STAFF_CHANGES.contains(role);
    }

    /** May rotate this tenant's webhook secret: admin, operator, or the tenant's own tenant_admin. */
    public boolean mayRotateSecret(String tenant) {
        return staffChanges() || ("tenant_admin".equals(role) && sees(tenant));
    }

    /** A tenant user sees its own tenant only; staff every tenant. */
    public boolean sees(String tenant) {
        return staff() || (tenantId != null && tenantId.equals(tenant));
    }
}
