package com.aiagents.platform.tenant.core;

import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Role;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.tenant.db.AuditLog;
import com.aiagents.platform.tenant.db.SignInLinkRepository;
import com.aiagents.platform.tenant.db.StoredUser;
import com.aiagents.platform.tenant.db.UserRepository;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-time sign-in links (docs/people-and-access.md#one-time-sign-in-links): an admin asks for a
 * random 256-bit code for a live, enabled account; the code, redeemed once within its lifetime, opens
 * the same session {@code POST /v1/auth/login} opens. Only the code's SHA-256 is stored; every refusal
 * at redeem is the same 401.
 */
public final class SignInLinks {
    private static final Logger LOG = LoggerFactory.getLogger(SignInLinks.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_CODE = 100;

    private final TenantDatabase database;
    private final UserRepository users;
    private final SignInLinkRepository links;
    private final AuditLog audit;
    private final SignIn signIn;
    private final Duration ttl;

    public SignInLinks(TenantDatabase database, UserRepository users, SignInLinkRepository links, AuditLog audit,
                       SignIn signIn, Duration ttl) {
        this.database = database;
        this.users = users;
        this.links = links;
        this.audit = audit;
        this.signIn = signIn;
        this.ttl = ttl;
    }

    /** A new code and how many seconds it stays valid. */
    public record Created(String code, long expiresIn) {
        @Override
        public String toString() {
            return "Created[expiresIn=" + expiresIn + "]";
        }
    }

    /** Whom to sign in: {@code {"user_id"}} (with {@code "tenant_id"} for a tenant user) or {@code {"email"}}. */
    public record Target(UUID userId, String tenantId, String email) {
    }

    public static Target parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalidRequest();
        }
        JsonNode userId = body.path("user_id");
        JsonNode tenantId = body.path("tenant_id");
        JsonNode email = body.path("email");
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("user_id") && !name.equals("tenant_id") && !name.equals("email")) {
                throw invalidRequest();
            }
        });
        if (email.isTextual() && userId.isMissingNode() && tenantId.isMissingNode()) {
            return new Target(null, null, email.asText().trim());
        }
        if (userId.isTextual() && email.isMissingNode() && (tenantId.isMissingNode() || tenantId.isTextual())) {
            try {
                return new Target(UUID.fromString(userId.asText()), tenantId.isTextual() ? tenantId.asText() : null, null);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_request", "user_id is no UUID");
            }
        }
        throw invalidRequest();
    }

    public Created create(PlatformPrincipal caller, Target target) {
        if (caller.role() != Role.ADMIN) {
            throw ApiException.forbidden("forbidden", "only an admin creates sign-in links");
        }
        String email = target.email();
        if (email == null) {
            email = Users.inScope(database, users, target.tenantId(), handle -> users.find(handle, target.userId()))
                    .map(StoredUser::email)
                    .orElseThrow(() -> noSuchUser());
        }
        String address = email;
        UserRepository.SignInRecord record = database.withoutTenant(handle -> users.signInRecord(handle, address))
                .filter(found -> target.userId() == null || found.id().equals(target.userId()))
                .orElseThrow(SignInLinks::noSuchUser);
        if (!usable(record)) {
            throw ApiException.conflict("user_cannot_sign_in",
                    "the account is disabled or its tenant is not active; it cannot sign in");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Users.inScope(database, users, record.tenantId(), handle -> {
            links.forgetExpired(handle, Duration.ofHours(1));
            links.insert(handle, SignIn.sha256(code), record.id(), record.email(), caller.name(), ttl);
            Map<String, Object> details = Users.details(caller, record.id(), record.email(), record.role());
            details.put("expires_in", ttl.toSeconds());
            audit.record(handle, caller.name(), caller.actorRole().value(), "user.sign_in_link_created", record.tenantId(),
                    details);
            return null;
        });
        LOG.info("sign-in link created for user {} by {}, valid {} s", record.id(), caller.name(), ttl.toSeconds());
        return new Created(code, ttl.toSeconds());
    }

    /** Redeems the code once: a new session, or 401 {@code invalid_sign_in_link} for every refusal. */
    public SignIn.Session redeem(String code) {
        if (code == null || code.isEmpty() || code.length() > MAX_CODE) {
            throw invalid();
        }
        Optional<SignInLinkRepository.Redeemed> redeemed = database.withoutTenant(handle -> links.redeem(handle, SignIn.sha256(code)));
        if (redeemed.isEmpty()) {
            LOG.info("event=sign_in_link_refused reason=unknown_used_or_expired");
            throw invalid();
        }
        UUID userId = redeemed.get().userId();
        UserRepository.SignInRecord record = database.withoutTenant(handle -> users.signInRecord(handle, redeemed.get().email()))
                .filter(found -> found.id().equals(userId))
                .orElse(null);
        if (record == null || !usable(record)) {
            LOG.info("event=sign_in_link_refused reason=account_cannot_sign_in user={}", userId);
            throw invalid();
        }
        Role role = Users.personRole(record.role()).orElseThrow();
        UUID sid = UUID.randomUUID();
        SignIn.Session session = signIn.openSession(sid, record.id(), record.email(), role, record.tenantId());
        LOG.info("user {} ({}) signed in with a one-time link, session {}", record.id(), role.value(), sid);
        return session;
    }

    private static boolean usable(UserRepository.SignInRecord record) {
        return !record.disabled() && Users.personRole(record.role()).isPresent()
                && (record.tenantId() == null || "active".equals(record.tenantStatus()));
    }

    private static ApiException invalid() {
        return ApiException.unauthorized("invalid_sign_in_link",
                "the sign-in link is unknown, used already or expired; ask for a new one");
    }

    private static ApiException noSuchUser() {
        return ApiException.notFound("no_such_user", "no live account matches");
    }

    private static ApiException invalidRequest() {
        return ApiException.badRequest("invalid_request",
                "the body must be {\"email\": \"...\"} or {\"user_id\": \"...\"} (with \"tenant_id\" for a tenant user)");
    }
}
