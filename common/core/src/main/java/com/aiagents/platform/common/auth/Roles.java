package com.aiagents.platform.common.auth;

/** {@link Role} names as compile-time constants, for {@code @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})}. */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";
    public static final String SERVICE = "service";
    public static final String TENANT_ADMIN = "tenant_admin";
    public static final String TENANT_VIEWER = "tenant_viewer";

    private Roles() {
    }
}
