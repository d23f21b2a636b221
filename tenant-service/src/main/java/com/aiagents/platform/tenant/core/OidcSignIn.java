package com.aiagents.platform.tenant.core;

import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.tenant.db.AuditLog;
import com.aiagents.platform.tenant.db.OidcAccounts;
import com.aiagents.platform.tenant.db.SessionRepository;
import com.aiagents.platform.tenant.db.UserRepository;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in with OpenID Connect (docs/people-and-access.md, "Signing in with OpenID Connect"): the
 * console (a backend-for-frontend holding the PKCE verifier) asks for the provider's authorization
 * URL, sends the person there, and hands the code back; tenant-service exchanges it with the client
 * secret and the verifier, validates the ID token, maps the person's groups to a role (first match
 * in {@code auth.oidc.roleMapping}), finds the account by e-mail or creates it (no password), sets
 * its role from the mapping and opens a session exactly as a password sign-in does.
 *
 * <p>Every refusal of the provider's answer is the same 401 {@code oidc_sign_in_failed}; why is
 * logged as a reason slug ({@code event=oidc_sign_in_refused reason=...}), never with a code, a
 * verifier, a token or the secret.
 */
public final class OidcSignIn {
    private static final Logger LOG = LoggerFactory.getLogger(OidcSignIn.class);
    static final String FAILED = "the sign-in with the identity provider did not succeed; start again";
    private static final Pattern EMAIL = Pattern.compile("^[^\\s@]{1,64}@[^\\s@]+\\.[^\\s@]+$");
    /** S256 of a verifier, base64url without padding: always 43 characters. */
    private static final Pattern CHALLENGE = Pattern.compile("^[A-Za-z0-9_-]{43}$");
    /** RFC 7636 4.1. */
    private static final Pattern VERIFIER = Pattern.compile("^[A-Za-z0-9._~-]{43,128}$");
    private static final int MAX_TEXT = 512;
    private static final int MAX_CODE = 4096;
    static final Set<String> AUTHORIZE_FIELDS = Set.of("redirect_uri", "state", "nonce", "code_challenge",
            "code_challenge_method");
    static final Set<String> TOKEN_FIELDS = Set.of("code", "code_verifier", "redirect_uri", "nonce");

    private final OidcSettings settings;
    private final List<OidcSettings.Mapping> mappings;
    private final Set<String> redirectUris;
    private final OidcProvider provider;
    private final TenantDatabase database;
    private final UserRepository users;
    private final OidcAccounts accounts;
    private final SessionRepository sessions;
    private final AuditLog audit;
    private final SignIn signIn;

    /** @throws IllegalArgumentException when the configuration is enabled but unusable */
    public OidcSignIn(OidcSettings settings, OidcProvider provider, TenantDatabase database, UserRepository users,
                      OidcAccounts accounts, SessionRepository sessions, AuditLog audit, SignIn signIn) {
        settings.check();
        this.settings = settings;
        this.mappings = settings.enabled() ? settings.mappings() : List.of();
        this.redirectUris = settings.redirectUriSet();
        this.provider = provider;
        this.database = database;
        this.users = users;
        this.accounts = accounts;
        this.sessions = sessions;
        this.audit = audit;
        this.signIn = signIn;
    }

    /** {@code POST /v1/auth/oidc/authorize}'s fields, checked. */
    public record AuthorizeRequest(String redirectUri, String state, String nonce, String codeChallenge) {
    }

    /** {@code POST /v1/auth/oidc/token}'s fields, checked. */
    public record TokenRequest(String code, String codeVerifier, String redirectUri, String nonce) {
        @Override
        public String toString() {
            return "TokenRequest[redirectUri=" + redirectUri + "]";
        }
    }

    public boolean enabled() {
        return settings.enabled();
    }

    public String displayName() {
        return settings.getDisplayName();
    }

    public static AuthorizeRequest parseAuthorize(JsonNode body) {
        FieldErrors errors = fields(body, AUTHORIZE_FIELDS);
        String redirectUri = text(body, "redirect_uri", 2048, null, errors);
        String state = text(body, "state", MAX_TEXT, null, errors);
        String nonce = text(body, "nonce", MAX_TEXT, null, errors);
        String challenge = text(body, "code_challenge", 43, CHALLENGE, errors);
        JsonNode method = body.path("code_challenge_method");
        if (!method.isMissingNode() && !"S256".equals(method.asText(null))) {
            errors.add("code_challenge_method", "only S256 is supported");
        }
        errors.throwIfAny();
        return new AuthorizeRequest(redirectUri, state, nonce, challenge);
    }

    public static TokenRequest parseToken(JsonNode body) {
        FieldErrors errors = fields(body, TOKEN_FIELDS);
        String code = text(body, "code", MAX_CODE, null, errors);
        String verifier = text(body, "code_verifier", 128, VERIFIER, errors);
        String redirectUri = text(body, "redirect_uri", 2048, null, errors);
        String nonce = text(body, "nonce", MAX_TEXT, null, errors);
        errors.throwIfAny();
        return new TokenRequest(code, verifier, redirectUri, nonce);
    }

    /** The provider's authorization URL for this request (the console redirects the browser there). */
    public String authorize(AuthorizeRequest request) {
        requireEnabled();
        requireAllowed(request.redirectUri());
        try {
            return provider.authorizationUrl(request.redirectUri(), request.state(), request.nonce(), request.codeChallenge());
        } catch (OidcProvider.Refused e) {
            LOG.warn("event=oidc_provider_unavailable reason={}", e.getMessage());
            throw ApiException.unavailable("oidc_provider_unavailable",
                    "the identity provider cannot be reached; try again later", 30);
        }
    }

    /** Exchanges the code, validates the ID token, maps the role, finds or creates the account, opens a session. */
    public SignIn.Session token(TokenRequest request) {
        requireEnabled();
        requireAllowed(request.redirectUri());
        OidcProvider.Identity identity;
        try {
            identity = provider.exchange(request.code(), request.codeVerifier(), request.redirectUri(), request.nonce());
        } catch (OidcProvider.Refused e) {
            throw refused(e.getMessage());
        }
        if (identity.email() == null || identity.email().length() > 254 || !EMAIL.matcher(identity.email()).matches()) {
            throw refused("no_email_claim");
        }
        if (identity.subject() == null || identity.subject().isBlank() || identity.subject().length() > 255) {
            throw refused("subject_unusable"); // OIDC Core 2: at most 255 ASCII characters
        }
        OidcSettings.Mapping mapping = mappings.stream().filter(m -> identity.groups().contains(m.group()))
                .findFirst().orElse(null);
        if (mapping == null) {
            LOG.info("event=oidc_no_role_mapped subject={} groups={}", identity.subject(), identity.groups().size());
            throw ApiException.forbidden("no_role_mapped",
                    "you signed in, but none of your groups at the identity provider gives a role here; ask an administrator");
        }
        Account account = account(identity, mapping);
        UUID sid = UUID.randomUUID();
        SignIn.Session session = signIn.openSession(sid, account.id(), account.email(), mapping.role(), mapping.tenantId());
        inScope(mapping.tenantId(), handle -> {
            Map<String, Object> details = details(account.id(), account.email(), mapping.role().value());
            details.put("session_id", sid.toString());
            details.put("oidc_issuer", identity.issuer());
            details.put("group", mapping.group());
            audit.record(handle, account.email(), mapping.role().value(), "user.signed_in_oidc", mapping.tenantId(), details);
            return null;
        });
        LOG.info("user {} ({}) signed in through the identity provider, group {}", account.id(), mapping.role().value(),
                mapping.group());
        return session;
    }

    private record Account(UUID id, String email) {
    }

    /**
     * The live account with the ID token's address, in the mapping's place: the same account with its
     * role set, or (when the mapping moved the person to another tenant, or between staff and a
     * tenant) the old one retired and a new one created; a new one when there is none.
     */
    private Account account(OidcProvider.Identity identity, OidcSettings.Mapping mapping) {
        Optional<UserRepository.SignInRecord> found = database.withoutTenant(handle -> users.signInRecord(handle, identity.email()));
        if (found.isEmpty()) {
            return create(identity, mapping);
        }
        UserRepository.SignInRecord record = found.get();
        if (record.disabled()) {
            throw refused("account_disabled");
        }
        if (record.tenantId() != null && (record.tenantStatus() == null || !Users.open(record.tenantStatus()))) {
            throw refused("tenant_offboarded");
        }
        String actor = actor(identity);
        if (Objects.equals(record.tenantId(), mapping.tenantId())) {
            inScope(record.tenantId(), handle -> {
                requireSameIdentity(handle, record.id(), identity);
                accounts.link(handle, record.id(), identity.issuer(), identity.subject(), mapping.role().value());
                if (!record.role().equals(mapping.role().value())) {
                    Map<String, Object> details = details(record.id(), record.email(), mapping.role().value());
                    details.put("previous_role", record.role());
                    details.put("group", mapping.group());
                    audit.record(handle, actor, "oidc", "user.role_changed", record.tenantId(), details);
                }
                return null;
            });
            return new Account(record.id(), record.email());
        }
        inScope(record.tenantId(), handle -> {
            requireSameIdentity(handle, record.id(), identity);
            accounts.retire(handle, record.id());
            int revoked = sessions.revokeAll(handle, record.id());
            Map<String, Object> details = details(record.id(), record.email(), record.role());
            details.put("sessions_revoked", revoked);
            details.put("reason", "the identity provider's groups now map to " + mapping.role().value()
                    + (mapping.tenantId() == null ? "" : " of " + mapping.tenantId()));
            audit.record(handle, actor, "oidc", "user.deleted", record.tenantId(), details);
            return null;
        });
        return create(identity, mapping);
    }

    private Account create(OidcProvider.Identity identity, OidcSettings.Mapping mapping) {
        String tenant = mapping.tenantId();
        UUID id = UUID.randomUUID();
        String actor = actor(identity);
        inScope(tenant, handle -> {
            if (tenant != null && users.tenantStatus(handle, tenant).filter(Users::open).isEmpty()) {
                LOG.warn("event=oidc_mapped_tenant_unusable tenant={} group={}", tenant, mapping.group());
                throw refused("mapped_tenant_unusable");
            }
            if (accounts.deletedHere(handle, identity.issuer(), identity.subject())) {
                throw refused("account_deleted");
            }
            if (!accounts.insert(handle, id, identity.email(), mapping.role().value(), tenant, identity.issuer(),
                    identity.subject(), actor)) {
                // the address was taken meanwhile, or this identity has a live account under another address
                throw refused("account_conflict");
            }
            Map<String, Object> details = details(id, identity.email(), mapping.role().value());
            details.put("group", mapping.group());
            audit.record(handle, actor, "oidc", "user.created", tenant, details);
            return null;
        });
        return new Account(id, identity.email());
    }

    /** An account already linked to another identity of a provider is not taken over by this one. */
    private void requireSameIdentity(Handle handle, UUID userId, OidcProvider.Identity identity) {
        Optional<OidcAccounts.Linked> linked = accounts.linked(handle, userId);
        if (linked.isPresent() && !(linked.get().issuer().equals(identity.issuer())
                && linked.get().subject().equals(identity.subject()))) {
            throw refused("account_linked_to_another_identity");
        }
    }

    private void requireEnabled() {
        if (!settings.enabled()) {
            throw ApiException.notFound("oidc_disabled", "signing in with an identity provider is not configured");
        }
    }

    private void requireAllowed(String redirectUri) {
        if (!redirectUris.contains(redirectUri)) {
            throw ApiException.badRequest("redirect_uri_not_allowed",
                    "redirect_uri is not one of the configured redirect URIs (auth.oidc.redirectUris)");
        }
    }

    private static ApiException refused(String reason) {
        LOG.info("event=oidc_sign_in_refused reason={}", reason);
        return ApiException.unauthorized("oidc_sign_in_failed", FAILED);
    }

    private static String actor(OidcProvider.Identity identity) {
        return "oidc:" + identity.issuer();
    }

    private <R> R inScope(String tenantId, TenantDatabase.Work<R> work) {
        return Users.inScope(database, users, tenantId, work);
    }

    private static Map<String, Object> details(UUID userId, String email, String role) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("user_id", userId.toString());
        details.put("email", email);
        details.put("role", role);
        return details;
    }

    private static FieldErrors fields(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("invalid_request", "the body must be a JSON object with "
                    + String.join(", ", allowed.stream().sorted().toList()));
        }
        FieldErrors errors = new FieldErrors();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                errors.add(name.length() <= 64 ? name : name.substring(0, 64), "unknown field");
            }
        }
        return errors;
    }

    /** A required text field (never echoed back: a code or verifier must not appear in an answer). */
    private static String text(JsonNode body, String name, int max, Pattern shape, FieldErrors errors) {
        JsonNode node = body.path(name);
        String value = node.isTextual() ? node.asText() : null;
        if (value == null || value.isBlank()) {
            errors.add(name, "is required");
            return null;
        }
        if (value.length() > max || (shape != null && !shape.matcher(value).matches())) {
            errors.add(name, "is not valid");
            return null;
        }
        return value;
    }
}
