package com.aiagents.platform.tenant.core;

import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Role;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.tenant.db.SessionRepository;
import com.aiagents.platform.tenant.db.SignInFailures;
import com.aiagents.platform.tenant.db.StoredUser;
import com.aiagents.platform.tenant.db.UserRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/auth/login} and {@code /v1/auth/logout} (docs/people-and-access.md). A wrong
 * password, an unknown address, a disabled account and a suspended or offboarded tenant's user all get the same
 * 401 after the same work (an unknown address is checked against a dummy hash). Failures are
 * counted per account and per client address in PostgreSQL; past the limit the answer is 429
 * {@code too_many_attempts} with Retry-After, before any password is checked.
 */
public final class SignIn {
    private static final Logger LOG = LoggerFactory.getLogger(SignIn.class);
    static final String WRONG = "the e-mail address or the password is wrong";

    private final TenantDatabase database;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final SignInFailures failures;
    private final Passwords passwords;
    private final AccessTokens tokens;
    private final PeopleSettings.SignInThrottling throttling;

    public SignIn(TenantDatabase database, UserRepository users, SessionRepository sessions, SignInFailures failures,
                  Passwords passwords, AccessTokens tokens, PeopleSettings.SignInThrottling throttling) {
        this.database = database;
        this.users = users;
        this.sessions = sessions;
        this.failures = failures;
        this.passwords = passwords;
        this.tokens = tokens;
        this.throttling = throttling;
    }

    /** A signed-in person: the token and who it is. */
    public record Session(AccessTokens.Issued token, StoredUser user) {
    }

    public Session login(String email, String password, String clientAddress) {
        String account = sha256(email.trim().toLowerCase(Locale.ROOT));
        Duration window = throttling.getFailureWindow().toJavaDuration();
        OptionalLong wait = database.withoutTenant(handle -> {
            OptionalLong byAccount = failures.retryAfter(handle, SignInFailures.Column.ACCOUNT, account,
                    throttling.getMaxFailuresPerAccount(), window);
            OptionalLong byAddress = failures.retryAfter(handle, SignInFailures.Column.ADDRESS, clientAddress,
                    throttling.getMaxFailuresPerAddress(), window);
            return longer(byAccount, byAddress);
        });
        if (wait.isPresent()) {
            throw ApiException.tooManyRequests("too_many_attempts",
                    "too many failed sign-ins; try again later", wait.getAsLong());
        }
        Optional<UserRepository.SignInRecord> found = database.withoutTenant(handle -> users.signInRecord(handle, email.trim()));
        boolean ok;
        if (found.isEmpty()) {
            ok = passwords.matchesNothing(password);
        } else {
            UserRepository.SignInRecord record = found.get();
            boolean matches = passwords.matches(password, record.passwordHash());
            ok = matches && !record.disabled() && Users.personRole(record.role()).isPresent()
                    && (record.tenantId() == null || usableTenant(record.tenantStatus()));
        }
        if (!ok) {
            database.withoutTenant(handle -> {
                failures.record(handle, account, clientAddress, window);
                return null;
            });
            throw ApiException.unauthorized("invalid_credentials", WRONG);
        }
        UserRepository.SignInRecord record = found.get();
        Role role = Users.personRole(record.role()).orElseThrow();
        UUID sid = UUID.randomUUID();
        AccessTokens.Issued issued = tokens.issue(record.id(), record.email(), role, record.tenantId(), sid);
        database.withoutTenant(handle -> {
            failures.clearAccount(handle, account);
            sessions.open(handle, sid, record.id(), issued.expiresAt());
            sessions.forgetExpired(handle, feedRetention());
            return null;
        });
        LOG.info("user {} ({}) signed in, session {}", record.id(), role.value(), sid);
        return new Session(issued, view(record));
    }

    /**
     * A session for a person already authenticated another way (OpenID Connect): the same token and
     * session as {@link #login} gives.
     */
    public Session openSession(UUID sid, UUID userId, String email, Role role, String tenantId) {
        AccessTokens.Issued issued = tokens.issue(userId, email, role, tenantId, sid);
        database.withoutTenant(handle -> {
            sessions.open(handle, sid, userId, issued.expiresAt());
            sessions.forgetExpired(handle, feedRetention());
            return null;
        });
        return new Session(issued, new StoredUser(userId, email, role.value(), tenantId, null, false));
    }

    /** Revokes the caller's own session (the token's {@code sid}). */
    public void logout(PlatformPrincipal.Person caller) {
        UUID sid = UUID.fromString(caller.sessionId());
        database.withoutTenant(handle -> sessions.revoke(handle, sid));
        LOG.info("user {} signed out, session {} revoked", caller.userId(), sid);
    }

    /**
     * How long a revoked session stays in the feed after its token expired: a token is refused for
     * its expiry once it is older than exp plus the verifiers' clock skew, so a consumer never needs
     * an older entry; one token lifetime more leaves room for a consumer that fell behind.
     */
    public Duration feedRetention() {
        return tokens.ttl().plusSeconds(AccessTokens.CLOCK_SKEW_SECONDS);
    }

    /**
     * A suspended, offboarding or offboarded tenant's users cannot sign in (their sessions were revoked
     * when the tenant got there: {@code TenantLifecycle}); an onboarding, configured or active one's can.
     */
    static boolean usableTenant(String status) {
        return status != null && !status.equals("suspended") && !status.equals("offboarded")
                && !status.equals("offboarding");
    }

    private static StoredUser view(UserRepository.SignInRecord record) {
        return new StoredUser(record.id(), record.email(), record.role(), record.tenantId(), null, record.disabled());
    }

    private static OptionalLong longer(OptionalLong a, OptionalLong b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : OptionalLong.of(Math.max(a.getAsLong(), b.getAsLong()));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }

}
