package com.aiagents.platform.tenant.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Role;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.tenant.db.AuditLog;
import com.aiagents.platform.tenant.db.SessionRepository;
import com.aiagents.platform.tenant.db.StoredUser;
import com.aiagents.platform.tenant.db.UserRepository;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * People's accounts (docs/people-and-access.md): who may create, list, disable and delete whom. An
 * {@code admin} (a person or the break-glass PLATFORM_ADMIN_TOKEN) manages everyone; a
 * {@code tenant_admin} only tenant users of its own tenant, and anything of another tenant is 404
 * (no existence oracle). Every change is audited naming the acting person, in the same transaction.
 * A tenant user's row is reached in its tenant's context, a staff account in the staff scope.
 */
public final class Users {
    static final Set<String> FIELDS = Set.of("email", "password", "role", "tenant_id");
    private static final Pattern EMAIL = Pattern.compile("^[^\\s@]{1,64}@[^\\s@]+\\.[^\\s@]+$");

    private final TenantDatabase database;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final Passwords passwords;
    private final AuditLog audit;

    public Users(TenantDatabase database, UserRepository users, SessionRepository sessions, Passwords passwords,
                 AuditLog audit) {
        this.database = database;
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
        this.audit = audit;
    }

    /** A new account's fields, validated. */
    public record NewUser(String email, String password, Role role, String tenantId) {
        @Override
        public String toString() {
            return "NewUser[email=" + email + ", role=" + role + ", tenantId=" + tenantId + "]";
        }
    }

    /** Reads and checks {@code POST /v1/users}' body: every problem at once, 400; never echoes the password. */
    public static NewUser parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("invalid_request",
                    "the body must be {\"email\", \"password\", \"role\", \"tenant_id\" (tenant roles only)}");
        }
        FieldErrors errors = new FieldErrors();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(name.length() <= 64 ? name : name.substring(0, 64),
                        "unknown field; allowed: email, password, role, tenant_id");
            }
        }
        String email = body.path("email").isTextual() ? body.get("email").asText().trim() : null;
        if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) {
            errors.add("email", "is required: an e-mail address");
        }
        String password = body.path("password").isTextual() ? body.get("password").asText() : null;
        String problem = Passwords.problemWith(password);
        if (problem != null) {
            errors.add("password", problem);
        }
        Optional<Role> role = body.path("role").isTextual() ? personRole(body.get("role").asText()) : Optional.empty();
        if (role.isEmpty()) {
            errors.add("role", "is required: admin, operator, viewer, tenant_admin or tenant_viewer");
        }
        String tenantId = null;
        JsonNode tenant = body.path("tenant_id");
        if (!tenant.isMissingNode() && !tenant.isNull()) {
            if (!tenant.isTextual() || TenantId.problemWith(tenant.asText()) != null) {
                errors.add("tenant_id", "must be a tenant id");
            } else {
                tenantId = tenant.asText();
            }
        }
        if (role.isPresent() && !role.get().tenantBound() && tenantId != null) {
            errors.add("tenant_id", "MSP staff (" + role.get().value() + ") belong to no tenant: leave it out");
        }
        errors.throwIfAny();
        return new NewUser(email, password, role.get(), tenantId);
    }

    /** A role a person's account may hold, exactly as written ({@code admin} ... {@code tenant_viewer}); never {@code service}. */
    public static Optional<Role> personRole(String value) {
        for (Role role : Role.values()) {
            if (role.heldByPeople() && role.value().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    public StoredUser create(PlatformPrincipal caller, NewUser requested) {
        String tenantId = requested.tenantId();
        if (caller.role() == Role.TENANT_ADMIN) {
            if (!requested.role().tenantBound()) {
                throw ApiException.forbidden("forbidden", "a tenant_admin creates only tenant_admin and tenant_viewer users");
            }
            if (tenantId == null) {
                tenantId = tenantOf(caller);
            } else if (!tenantId.equals(tenantOf(caller))) {
                throw noSuchTenant(tenantId);
            }
        } else if (caller.role() != Role.ADMIN) {
            throw ApiException.forbidden("forbidden", "only an admin or a tenant_admin creates users");
        }
        if (requested.role().tenantBound() && tenantId == null) {
            throw ApiException.badRequest("invalid_request", "tenant_id is required for " + requested.role().value());
        }
        String hash = passwords.hash(requested.password());
        UUID id = UUID.randomUUID();
        String tenant = tenantId;
        return inScope(tenant, handle -> {
            if (tenant != null && users.tenantStatus(handle, tenant).filter(Users::open).isEmpty()) {
                throw noSuchTenant(tenant);
            }
            if (!users.insert(handle, id, requested.email(), requested.role().value(), tenant, hash, caller.name())) {
                throw ApiException.conflict("email_taken", "an account with this e-mail address exists already");
            }
            audit.record(handle, caller.name(), caller.actorRole().value(), "user.created", tenant,
                    details(caller, id, requested.email(), requested.role().value()));
            return users.find(handle, id).orElseThrow();
        });
    }

    /**
     * An admin: staff accounts, or with {@code tenantId} that tenant's users; a tenant_admin: its own
     * tenant's users ({@code tenantId} of another tenant: 404).
     */
    public List<StoredUser> list(PlatformPrincipal caller, String tenantId) {
        String tenant = scopeFor(caller, tenantId);
        return inScope(tenant, handle -> {
            if (tenant != null && users.tenantStatus(handle, tenant).isEmpty()) {
                throw noSuchTenant(tenant);
            }
            return users.list(handle);
        });
    }

    /**
     * Deletes (marks deleted) a user and revokes its sessions. An admin names a tenant user's tenant
     * in {@code tenantId}; a user not in the caller's reach is 404. Nobody deletes their own account.
     */
    public void delete(PlatformPrincipal caller, UUID id, String tenantId) {
        String tenant = scopeFor(caller, tenantId);
        if (id.equals(userIdOf(caller))) {
            throw ApiException.conflict("own_account", "you cannot delete your own account");
        }
        inScope(tenant, handle -> {
            StoredUser user = users.find(handle, id).orElseThrow(() -> noSuchUser(id));
            users.markDeleted(handle, id);
            int revoked = sessions.revokeAll(handle, id);
            Map<String, Object> details = details(caller, id, user.email(), user.role());
            details.put("sessions_revoked", revoked);
            audit.record(handle, caller.name(), caller.actorRole().value(), "user.deleted", tenant, details);
            return null;
        });
    }

    /**
     * Disables ({@code disabled} true) or enables a user, with the same reach as {@link #delete}.
     * Disabling revokes every session of the user in the same transaction (refused here at once,
     * elsewhere through the feed) and the user cannot sign in until enabled again. Nobody disables
     * their own account. Repeating it changes nothing and audits nothing.
     */
    public StoredUser setDisabled(PlatformPrincipal caller, UUID id, String tenantId, boolean disabled) {
        String tenant = scopeFor(caller, tenantId);
        if (disabled && id.equals(userIdOf(caller))) {
            throw ApiException.conflict("own_account", "you cannot disable your own account");
        }
        return inScope(tenant, handle -> {
            StoredUser user = users.find(handle, id).orElseThrow(() -> noSuchUser(id));
            if (users.setDisabled(handle, id, disabled)) {
                Map<String, Object> details = details(caller, id, user.email(), user.role());
                if (disabled) {
                    details.put("sessions_revoked", sessions.revokeAll(handle, id));
                }
                audit.record(handle, caller.name(), caller.actorRole().value(),
                        disabled ? "user.disabled" : "user.enabled", tenant, details);
            }
            return users.find(handle, id).orElseThrow();
        });
    }

    /** The caller's own account, or empty for a configured token (no account). */
    public Optional<StoredUser> me(PlatformPrincipal caller) {
        if (caller.person() == null) {
            return Optional.empty();
        }
        // an impersonating admin's account is a staff account, whatever tenant it acts in
        String tenant = caller.impersonating() ? null : tenantOf(caller);
        return inScope(tenant, handle -> users.find(handle, caller.person().userId()));
    }

    private String scopeFor(PlatformPrincipal caller, String tenantId) {
        if (tenantId != null && TenantId.problemWith(tenantId) != null) {
            throw noSuchTenant(tenantId);
        }
        if (caller.role() == Role.TENANT_ADMIN) {
            if (tenantId != null && !tenantId.equals(tenantOf(caller))) {
                throw noSuchTenant(tenantId);
            }
            return tenantOf(caller);
        }
        if (caller.role() != Role.ADMIN) {
            throw ApiException.forbidden("forbidden", "only an admin or a tenant_admin manages users");
        }
        return tenantId;
    }

    private <R> R inScope(String tenantId, TenantDatabase.Work<R> work) {
        return inScope(database, users, tenantId, work);
    }

    /** In the tenant's context, or (null) outside any tenant with staff accounts in view. */
    static <R> R inScope(TenantDatabase database, UserRepository users, String tenantId, TenantDatabase.Work<R> work) {
        if (tenantId != null) {
            return database.inTenant(TenantId.of(tenantId), work);
        }
        return database.withoutTenant(handle -> {
            users.enterStaffScope(handle);
            return work.apply(handle);
        });
    }

    /** An offboarded (or offboarding) tenant takes no new users and signs none in. */
    static boolean open(String status) {
        return !status.equals("offboarded") && !status.equals("offboarding");
    }

    private static String tenantOf(PlatformPrincipal caller) {
        return caller.tenant() == null ? null : caller.tenant().value();
    }

    private static UUID userIdOf(PlatformPrincipal caller) {
        return caller.person() == null ? null : caller.person().userId();
    }

    /** The user acted on, and who acted: the person's id and session and, when impersonating, the tenant. */
    /** The audit details naming the user acted on and (for a person) the acting person. */
    static Map<String, Object> details(PlatformPrincipal caller, UUID userId, String email, String role) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("user_id", userId.toString());
        details.put("email", email);
        details.put("role", role);
        if (caller.person() != null) {
            details.put("actor_user_id", caller.person().userId().toString());
            details.put("actor_session_id", caller.person().sessionId());
        }
        if (caller.impersonating()) {
            details.put("impersonated_tenant", tenantOf(caller));
        }
        return details;
    }

    static ApiException noSuchTenant(String tenantId) {
        return ApiException.notFound("tenant_not_found", "no tenant " + (TenantId.problemWith(tenantId) == null
                ? tenantId : "with that id"));
    }

    static ApiException noSuchUser(UUID id) {
        return ApiException.notFound("user_not_found", "no user " + id);
    }

}
