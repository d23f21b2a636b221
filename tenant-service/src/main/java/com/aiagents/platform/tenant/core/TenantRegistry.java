package com.aiagents.platform.tenant.core;

import com.aiagents.platform.api.ServicedeskEdition;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.api.WebhookAuthMode;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Role;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.tenant.api.CreatedTenant;
import com.aiagents.platform.tenant.api.LlmEndpointView;
import com.aiagents.platform.tenant.api.TenantView;
import com.aiagents.platform.tenant.api.WebhookInstructions;
import com.aiagents.platform.tenant.db.AuditLog;
import com.aiagents.platform.tenant.db.StoredLlmEndpoint;
import com.aiagents.platform.tenant.db.StoredTenant;
import com.aiagents.platform.tenant.db.TenantRepository;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The tenant registry: create, read, list, change configuration, rotate the webhook secret, and
 * the runtime view services need. Status changes live in {@link TenantLifecycle}. Every change
 * is written to the audit log in the same transaction.
 */
public final class TenantRegistry {
    private static final String UNIQUE_VIOLATION = "23505";

    private final TenantDatabase database;
    private final TenantRepository repository;
    private final AuditLog audit;
    private final TenantSecrets secrets;
    private final TenantMapper mapper;
    private final TenantRequestValidator validator = new TenantRequestValidator();
    private final RegistrySettings settings;
    private final ServicedeskAddressRules addressRules;
    private final Clock clock;
    private final TenantLlmEndpoints llmEndpoints;

    public TenantRegistry(TenantDatabase database, TenantRepository repository, AuditLog audit,
                          TenantSecrets secrets, com.fasterxml.jackson.databind.ObjectMapper json,
                          RegistrySettings settings, ServicedeskAddressRules addressRules, Clock clock) {
        this.database = database;
        this.repository = repository;
        this.audit = audit;
        this.secrets = secrets;
        this.mapper = new TenantMapper(json, secrets, clock);
        this.settings = settings;
        this.addressRules = addressRules;
        this.clock = clock;
        this.llmEndpoints = new TenantLlmEndpoints(secrets, addressRules, audit);
    }

    /** A create's answer: {@code replayed} when it repeated an earlier create of the same onboarding. */
    public record Creation(CreatedTenant tenant, boolean replayed) {
    }

    /** Creates a tenant outside any onboarding (an operator's own call). */
    public CreatedTenant create(PlatformPrincipal actor, JsonNode body) {
        return create(actor, body, null).tenant();
    }

    /**
     * Creates a tenant. With {@code onboardingId} the create is idempotent on it: when that
     * onboarding already created this tenant (its answer was lost), the same tenant is returned
     * with a new webhook secret (the first was never shown, so no grace period for it); a tenant
     * that exists for any other reason is 409 {@code tenant_exists}.
     */
    public Creation create(PlatformPrincipal actor, JsonNode body, UUID onboardingId) {
        requireAdminFor(actor, body);
        NewTenant request = validator.parseCreate(withoutLlmEndpoint(body));
        addressRules.checkCreate(request);
        JsonNode llmNode = body.get(TenantLlmEndpoints.FIELD);
        TenantLlmEndpoints.Change llm = llmNode == null || llmNode.isNull() ? null : llmEndpoints.parse(llmNode, null);
        TenantId id = request.tenantId() != null ? request.tenantId() : TenantId.generate();
        String webhookSecret = TenantSecrets.newWebhookSecret();
        StoredTenant row = new StoredTenant(id.value(), request.name(), request.tier().wireName(),
                TenantStatus.ONBOARDING.wireName(), request.adminContactEmail(), request.servicedeskUrl(),
                request.edition().wireName(), secrets.encryptCredentials(id.value(), request.credentials()),
                request.webhookMode().wireName(), secrets.encrypt(id.value(), TenantSecrets.WEBHOOK_SECRET, webhookSecret),
                null, null, mapper.write(request.preferences()), mapper.write(request.rateLimits()), null, null,
                request.privateNetworks(), request.msp() == null ? null : mapper.write(request.msp()),
                request.contextScope().wireName());
        if (onboardingId != null) {
            Creation replay = replay(actor, id, onboardingId, webhookSecret);
            if (replay != null) {
                return replay;
            }
        }
        StoredTenant stored;
        try {
            stored = database.inTenant(id, handle -> {
                repository.insert(handle, row);
                if (onboardingId != null) {
                    repository.setCreatedByOnboarding(handle, id, onboardingId);
                }
                Map<String, Object> details = new java.util.LinkedHashMap<>(Map.of(
                        "tier", request.tier().wireName(), "servicedesk_edition", request.edition().wireName(),
                        "webhook_mode", request.webhookMode().wireName()));
                if (onboardingId != null) {
                    details.put("onboarding_id", onboardingId.toString());
                }
                audit.record(handle, actor, "tenant.created", id.value(), details);
                if (!request.privateNetworks().isEmpty()) {
                    auditNetworks(handle, actor, id, List.of(), request.privateNetworks());
                }
                if (llm != null) {
                    llmEndpoints.apply(handle, actor, id, null, llm);
                }
                return repository.find(handle, id).orElseThrow();
            });
        } catch (UnableToExecuteStatementException e) {
            if (isUniqueViolation(e)) {
                // a concurrent create of the same onboarding won the insert: answer as its repeat
                Creation replay = onboardingId == null ? null : replay(actor, id, onboardingId, webhookSecret);
                if (replay != null) {
                    return replay;
                }
                throw tenantExists();
            }
            throw e;
        }
        LlmEndpointView llmView = llm == null ? null
                : new LlmEndpointView(llm.baseUrl(), llm.model(), true);
        return new Creation(new CreatedTenant(mapper.toView(stored).withOnboardingId(str(onboardingId))
                .withLlmEndpoint(llmView), instructions(id, request.webhookMode(), webhookSecret, null)), false);
    }

    /** The repeat of {@code onboardingId}'s create, or null when no tenant {@code id} exists yet. */
    private Creation replay(PlatformPrincipal actor, TenantId id, UUID onboardingId, String newSecret) {
        return database.inTenant(id, handle -> {
            StoredTenant current = repository.findForUpdate(handle, id).orElse(null);
            if (current == null) {
                return null;
            }
            boolean ours = onboardingId.equals(repository.createdByOnboarding(handle, id).orElse(null));
            if (!ours || TenantStatus.fromWire(current.status()) == TenantStatus.OFFBOARDED) {
                throw tenantExists();
            }
            repository.update(handle, withWebhookSecrets(current,
                    secrets.encrypt(id.value(), TenantSecrets.WEBHOOK_SECRET, newSecret), null, null));
            audit.record(handle, actor, "tenant.create_repeated", id.value(), Map.of(
                    "onboarding_id", onboardingId.toString(), "webhook_secret", "replaced (never shown)"));
            StoredTenant stored = repository.find(handle, id).orElseThrow();
            return new Creation(new CreatedTenant(mapper.toView(stored).withOnboardingId(onboardingId.toString()),
                    instructions(id, WebhookAuthMode.fromWire(stored.webhookAuthMode()), newSecret, null)), true);
        });
    }

    private static ApiException tenantExists() {
        return ApiException.conflict("tenant_exists", "a tenant with this tenant_id already exists");
    }

    private static String str(UUID id) {
        return id == null ? null : id.toString();
    }

    /** A tenant-scoped caller asking for another tenant finds nothing under its own tenant's RLS: 404. */
    public TenantView get(PlatformPrincipal caller, TenantId id) {
        return database.inTenantFor(caller, id, handle -> repository.find(handle, id).map(t -> mapper.toView(t)
                        .withOnboardingId(repository.createdByOnboarding(handle, id).map(UUID::toString).orElse(null))
                        .withLlmEndpoint(llmEndpoints.view(handle, id))))
                .orElseThrow(() -> notFound());
    }

    /**
     * Every tenant for staff and services (through the registry's listing function); a tenant-scoped
     * caller lists, under its own tenant's RLS, only its own tenant.
     */
    /** Most registry rows one read of the listing function returns (its own bound). */
    private static final int LISTING_CHUNK = 1000;

    /**
     * {@link #list(PlatformPrincipal, TenantStatus, int, int)} narrowed by tier and by a search in
     * tenant id or name (case-insensitive substring); a page of the matches. The registry's listing
     * function filters by status only, so with a tier or a search the matching rows are found by
     * reading the listing in chunks of {@value #LISTING_CHUNK} within one transaction until the page is
     * full: one or two reads at 1,000 tenants (docs/api/tenant-service.md).
     */
    public List<TenantView> list(PlatformPrincipal caller, TenantStatus status, Tier tier, String query,
                                 int limit, int offset) {
        if (tier == null && query == null) {
            return list(caller, status, limit, offset);
        }
        String needle = query == null ? null : query.toLowerCase(java.util.Locale.ROOT);
        java.util.function.Predicate<StoredTenant> matches = t -> (tier == null || tier.wireName().equals(t.tier()))
                && (needle == null || t.tenantId().contains(needle)
                || (t.name() != null && t.name().toLowerCase(java.util.Locale.ROOT).contains(needle)));
        if (caller.tenantScope().isPresent()) { // its own tenant at most
            return list(caller, status, 1, 0).stream().filter(v -> (tier == null || tier == v.tier())
                            && (needle == null || v.tenantId().contains(needle)
                            || (v.name() != null && v.name().toLowerCase(java.util.Locale.ROOT).contains(needle))))
                    .skip(offset).limit(limit).toList();
        }
        String wireStatus = status == null ? null : status.wireName();
        List<StoredTenant> page = database.withoutTenant(handle -> {
            List<StoredTenant> found = new java.util.ArrayList<>();
            int skipped = 0;
            for (int start = 0; found.size() < limit; start += LISTING_CHUNK) {
                List<StoredTenant> chunk = repository.list(handle, wireStatus, LISTING_CHUNK, start);
                for (StoredTenant t : chunk) {
                    if (!matches.test(t) || found.size() >= limit) {
                        continue;
                    }
                    if (skipped < offset) {
                        skipped++;
                    } else {
                        found.add(t);
                    }
                }
                if (chunk.size() < LISTING_CHUNK) {
                    break;
                }
            }
            return found;
        });
        return page.stream().map(mapper::toView).toList();
    }

    public List<TenantView> list(PlatformPrincipal caller, TenantStatus status, int limit, int offset) {
        if (caller.tenantScope().isPresent()) {
            TenantId own = caller.tenantScope().get();
            return database.inTenantFor(caller, own, handle -> repository.find(handle, own))
                    .filter(t -> status == null || status.wireName().equals(t.status()))
                    .stream().skip(offset).limit(limit).map(mapper::toView).toList();
        }
        return database.withoutTenant(handle -> repository.list(handle, status == null ? null : status.wireName(),
                        limit, offset))
                .stream().map(mapper::toView).toList();
    }

    public TenantView patch(PlatformPrincipal actor, TenantId id, JsonNode body) {
        requireAdminFor(actor, body);
        boolean llmOnly = body != null && body.isObject() && body.has(TenantLlmEndpoints.FIELD) && body.size() == 1;
        return database.inTenant(id, handle -> {
            StoredTenant current = liveTenant(repository.findForUpdate(handle, id).orElseThrow(() -> notFound()));
            if (body != null && body.isObject() && body.has(TenantLlmEndpoints.FIELD)) {
                StoredLlmEndpoint llmBefore = llmEndpoints.current(handle, id);
                llmEndpoints.apply(handle, actor, id, llmBefore,
                        llmEndpoints.parse(body.get(TenantLlmEndpoints.FIELD), llmBefore));
            }
            if (!llmOnly) {
                patchRecord(handle, actor, id, current, withoutLlmEndpoint(body));
            }
            return mapper.toView(repository.find(handle, id).orElseThrow())
                    .withLlmEndpoint(llmEndpoints.view(handle, id));
        });
    }

    private void patchRecord(org.jdbi.v3.core.Handle handle, PlatformPrincipal actor, TenantId id, StoredTenant current,
                         JsonNode body) {
        TenantChanges changes = validator.parsePatch(body, ServicedeskEdition.fromWire(current.servicedeskEdition()),
                mapper.preferences(current), mapper.rateLimits(current));
        addressRules.checkPatch(current, changes);
        repository.update(handle, apply(current, changes));
        audit.record(handle, actor, "tenant.updated", id.value(), Map.of("fields", changes.changedFields()));
        ServicedeskAddressRules.hostChange(current, changes).ifPresent(hosts ->
                audit.record(handle, actor, "tenant.servicedesk_host_changed", id.value(),
                        Map.of("old_host", hosts.get(0), "new_host", hosts.get(1))));
        if (changes.privateNetworks() != null && !changes.privateNetworks().equals(current.privateNetworks())) {
            auditNetworks(handle, actor, id, current.privateNetworks(), changes.privateNetworks());
        }
    }

    /** The body without {@code llm_endpoint}, which {@link TenantLlmEndpoints} validates and stores. */
    private static JsonNode withoutLlmEndpoint(JsonNode body) {
        if (body == null || !body.isObject() || !body.has(TenantLlmEndpoints.FIELD)) {
            return body;
        }
        com.fasterxml.jackson.databind.node.ObjectNode rest = ((com.fasterxml.jackson.databind.node.ObjectNode) body).deepCopy();
        rest.remove(TenantLlmEndpoints.FIELD);
        return rest;
    }

    /** A new secret; the previous one stays valid for the configured grace period. */
    public WebhookInstructions rotateWebhookSecret(PlatformPrincipal actor, TenantId id) {
        String newSecret = TenantSecrets.newWebhookSecret();
        Instant graceUntil = clock.instant().plus(settings.secretRotationGracePeriod());
        WebhookAuthMode mode = database.inTenantFor(actor, id, handle -> {
            StoredTenant current = liveTenant(repository.findForUpdate(handle, id).orElseThrow(() -> notFound()));
            String previousPlain = secrets.decrypt(id.value(), TenantSecrets.WEBHOOK_SECRET, current.webhookSecretCiphertext());
            repository.update(handle, withWebhookSecrets(current,
                    secrets.encrypt(id.value(), TenantSecrets.WEBHOOK_SECRET, newSecret),
                    secrets.encrypt(id.value(), TenantSecrets.PREVIOUS_WEBHOOK_SECRET, previousPlain), graceUntil));
            audit.record(handle, actor, "tenant.webhook_secret_rotated", id.value(),
                    Map.of("previous_secret_valid_until", graceUntil.toString()));
            return WebhookAuthMode.fromWire(current.webhookAuthMode());
        });
        return instructions(id, mode, newSecret, graceUntil);
    }

    /** What the calling service needs (see {@link RuntimeConfigAudience}); unknown and offboarded tenants are not found. */
    public TenantRuntimeConfig runtimeConfig(TenantId id, RuntimeConfigAudience audience) {
        return database.inTenant(id, handle -> {
            StoredTenant row = repository.find(handle, id).orElseThrow(() -> notFound());
            if (TenantStatus.fromWire(row.status()) == TenantStatus.OFFBOARDED) {
                throw notFound();
            }
            TenantRuntimeConfig config = mapper.toRuntimeConfig(row, audience);
            return !audience.llmEndpoint() ? config : new TenantRuntimeConfig(config.tenantId(), config.status(),
                    config.tier(), config.webhook(), config.rateLimits(), config.servicedesk(),
                    config.enhancementPreferences(), llmEndpoints.runtime(handle, id), config.contextScope());
        });
    }

    /** servicedesk_private_networks opens private addresses to a tenant's SDP: the admin role's decision alone. */
    private static void requireAdminFor(PlatformPrincipal actor, JsonNode body) {
        if (body != null && body.has(PrivateNetworks.FIELD) && actor.role() != Role.ADMIN) {
            throw ApiException.forbidden("admin_only_field",
                    PrivateNetworks.FIELD + " may be set only by the admin role");
        }
    }

    private void auditNetworks(org.jdbi.v3.core.Handle handle, PlatformPrincipal actor, TenantId id,
                               List<String> before, List<String> after) {
        audit.record(handle, actor, "tenant.private_networks_changed", id.value(),
                Map.of("previous", before == null ? List.of() : before, PrivateNetworks.FIELD, after));
    }

    private WebhookInstructions instructions(TenantId id, WebhookAuthMode mode, String secret, Instant previousUntil) {
        String url = settings.webhookUrl(id);
        return new WebhookInstructions(url, mode, secret, WebhookInstructions.headerFor(mode), previousUntil);
    }

    private StoredTenant apply(StoredTenant t, TenantChanges c) {
        String id = t.tenantId();
        return new StoredTenant(id, or(c.name(), t.name()), c.tier() != null ? c.tier().wireName() : t.tier(),
                t.status(), or(c.adminContactEmail(), t.adminContactEmail()), or(c.servicedeskUrl(), t.servicedeskUrl()),
                c.edition() != null ? c.edition().wireName() : t.servicedeskEdition(),
                c.credentials() != null ? secrets.encryptCredentials(id, c.credentials()) : t.credentialsCiphertext(),
                c.webhookMode() != null ? c.webhookMode().wireName() : t.webhookAuthMode(),
                t.webhookSecretCiphertext(), t.previousWebhookSecretCiphertext(), t.previousSecretExpiresAt(),
                c.preferences() != null ? mapper.write(c.preferences()) : t.enhancementPreferencesJson(),
                c.rateLimits() != null ? mapper.write(c.rateLimits()) : t.rateLimitsJson(),
                t.createdAt(), t.updatedAt(), c.privateNetworks() != null ? c.privateNetworks() : t.privateNetworks(),
                c.msp() != null ? mapper.write(c.msp()) : t.servicedeskMspJson(),
                c.contextScope() != null ? c.contextScope().wireName() : t.contextScope());
    }

    TenantMapper mapper() {
        return mapper;
    }


    static StoredTenant withWebhookSecrets(StoredTenant t, String secret, String previous, Instant previousUntil) {
        return new StoredTenant(t.tenantId(), t.name(), t.tier(), t.status(), t.adminContactEmail(),
                t.servicedeskUrl(), t.servicedeskEdition(), t.credentialsCiphertext(), t.webhookAuthMode(),
                secret, previous, previousUntil, t.enhancementPreferencesJson(), t.rateLimitsJson(),
                t.createdAt(), t.updatedAt(), t.privateNetworks(), t.servicedeskMspJson(), t.contextScope());
    }

    /** Offboarded tenants never change again; offboarding ones stay as they are until restored or erased. */
    static StoredTenant liveTenant(StoredTenant t) {
        if (TenantStatus.fromWire(t.status()) == TenantStatus.OFFBOARDED) {
            throw ApiException.conflict("tenant_offboarded", "the tenant is offboarded and can no longer change");
        }
        if (TenantStatus.fromWire(t.status()) == TenantStatus.OFFBOARDING) {
            throw ApiException.conflict("tenant_offboarding",
                    "the tenant is in its offboarding grace period: restore it first to change it");
        }
        return t;
    }

    static ApiException notFound() {
        return ApiException.notFound("tenant_not_found", "no tenant with this tenant_id");
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static boolean isUniqueViolation(UnableToExecuteStatementException e) {
        return e.getCause() instanceof java.sql.SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState());
    }
}
