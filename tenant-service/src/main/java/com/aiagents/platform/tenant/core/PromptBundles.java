package com.aiagents.platform.tenant.core;

import com.aiagents.platform.api.ComposedPrompt;
import com.aiagents.platform.api.PromptSection;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.tenant.api.PromptBundleState;
import com.aiagents.platform.tenant.api.PromptBundleView;
import com.aiagents.platform.tenant.db.AuditLog;
import com.aiagents.platform.tenant.db.PromptBundleRepository;
import com.aiagents.platform.tenant.db.TenantRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Prompt bundles (docs/prompt-bundles.md): the global bundle and each tenant's overlay, saved as a
 * draft (a PUT replaces the draft, or starts a new version when there is none) and published
 * (draft → production; the production before it is kept as retired). Only production versions
 * are composed, so a draft never reaches the worker. Every change is audited in the same transaction.
 * A tenant's overlay is read and written inside that tenant's RLS context only, so composing
 * tenant B's prompt cannot see a section of tenant A's.
 */
public final class PromptBundles {
    static final String DRAFT = "draft";
    static final String PRODUCTION = "production";
    private static final int VERSIONS_SHOWN = 50;

    private final TenantDatabase database;
    private final TenantRepository tenants;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final PromptBundleValidator validator = new PromptBundleValidator();

    public PromptBundles(TenantDatabase database, TenantRepository tenants, AuditLog audit, ObjectMapper json) {
        this.database = database;
        this.tenants = tenants;
        this.audit = audit;
        this.json = json;
    }

    public PromptBundleState global() {
        return database.withoutTenant(h -> state(h, PromptBundleRepository.global(json), null));
    }

    public PromptBundleView saveGlobalDraft(PlatformPrincipal actor, JsonNode body) {
        List<PromptSection> sections = validator.parse(body);
        return database.withoutTenant(h -> saveDraft(h, PromptBundleRepository.global(json), actor, null, sections));
    }

    public PromptBundleView publishGlobal(PlatformPrincipal actor) {
        return database.withoutTenant(h -> publish(h, PromptBundleRepository.global(json), actor, null));
    }

    public PromptBundleState ofTenant(PlatformPrincipal caller, TenantId id) {
        return database.inTenantFor(caller, id, h -> {
            requireTenant(h, id, false);
            return state(h, PromptBundleRepository.ofTenant(json, id.value()), id.value());
        });
    }

    public PromptBundleView saveTenantDraft(PlatformPrincipal actor, TenantId id, JsonNode body) {
        List<PromptSection> sections = validator.parse(body);
        return database.inTenantFor(actor, id, h -> {
            requireTenant(h, id, true);
            return saveDraft(h, PromptBundleRepository.ofTenant(json, id.value()), actor, id.value(), sections);
        });
    }

    public PromptBundleView publishTenant(PlatformPrincipal actor, TenantId id) {
        return database.inTenantFor(actor, id, h -> {
            requireTenant(h, id, true);
            return publish(h, PromptBundleRepository.ofTenant(json, id.value()), actor, id.value());
        });
    }

    /** The production global bundle overlaid by the tenant's production bundle, in one transaction. */
    public ComposedPrompt composed(PlatformPrincipal caller, TenantId id) {
        return database.inTenantFor(caller, id, h -> {
            requireTenant(h, id, false);
            PromptBundleView global = PromptBundleRepository.global(json).withStatus(h, PRODUCTION).orElse(null);
            PromptBundleView tenant = PromptBundleRepository.ofTenant(json, id.value()).withStatus(h, PRODUCTION).orElse(null);
            return ComposedPrompt.compose(global == null ? null : global.version(), global == null ? List.of() : global.sections(),
                    tenant == null ? null : tenant.version(), tenant == null ? List.of() : tenant.sections());
        });
    }

    private void requireTenant(Handle h, TenantId id, boolean toChange) {
        var tenant = tenants.find(h, id).orElseThrow(TenantRegistry::notFound);
        if (toChange) {
            TenantRegistry.liveTenant(tenant);
        }
    }

    private static PromptBundleState state(Handle h, PromptBundleRepository bundles, String tenantId) {
        return new PromptBundleState(tenantId, bundles.withStatus(h, PRODUCTION).orElse(null),
                bundles.withStatus(h, DRAFT).orElse(null), bundles.versions(h, VERSIONS_SHOWN));
    }

    private PromptBundleView saveDraft(Handle h, PromptBundleRepository bundles, PlatformPrincipal actor, String tenantId,
                                       List<PromptSection> sections) {
        bundles.lockForWrite(h);
        PromptBundleView draft = bundles.withStatus(h, DRAFT).orElse(null);
        int version;
        if (draft != null) {
            version = draft.version();
            bundles.replaceDraft(h, version, sections, actor.name());
        } else {
            version = bundles.latestVersion(h) + 1;
            bundles.insertDraft(h, version, sections, actor.name());
        }
        audit.record(h, actor, "prompt_bundle.draft_saved", tenantId, details(tenantId, version, sections));
        return bundles.withStatus(h, DRAFT).orElseThrow();
    }

    private PromptBundleView publish(Handle h, PromptBundleRepository bundles, PlatformPrincipal actor, String tenantId) {
        bundles.lockForWrite(h);
        PromptBundleView draft = bundles.withStatus(h, DRAFT).orElseThrow(() -> ApiException.conflict("no_draft",
                "there is no draft to publish: PUT the bundle first"));
        Integer previous = bundles.withStatus(h, PRODUCTION).map(PromptBundleView::version).orElse(null);
        bundles.publish(h, draft.version());
        Map<String, Object> details = details(tenantId, draft.version(), draft.sections());
        details.put("previous_production_version", previous);
        audit.record(h, actor, "prompt_bundle.published", tenantId, details);
        return bundles.withStatus(h, PRODUCTION).orElseThrow();
    }

    /** Which bundle, version and section keys changed; the texts are in the bundle's own history. */
    private static Map<String, Object> details(String tenantId, int version, List<PromptSection> sections) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("bundle", tenantId == null ? "global" : "tenant");
        details.put("version", version);
        details.put("section_keys", sections.stream().map(PromptSection::key).toList());
        return details;
    }
}
