package com.aiagents.platform.tenant.core;

import com.aiagents.platform.api.ContextScope;
import com.aiagents.platform.api.MspSettings;
import com.aiagents.platform.api.ServicedeskEdition;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code servicedesk_msp} and {@code context_scope} of a create or patch body. The MSP edition needs
 * gate 3's account and site (an MSP instance refuses a request without them); the other editions
 * have no accounts, so neither field applies to them beyond {@code context_scope: tenant}.
 */
final class MspFields {
    static final String MSP = "servicedesk_msp";
    static final String SCOPE = "context_scope";
    private static final Set<String> MSP_KEYS = Set.of("accounts", "gate_account", "gate_site");
    private static final int MAX_ACCOUNTS = 1000;

    private MspFields() {
    }

    /** The MSP settings of a body, or null when the field is absent; required for the MSP edition. */
    static MspSettings parse(JsonNode body, ServicedeskEdition edition, boolean required, FieldErrors errors) {
        JsonNode node = body.get(MSP);
        if (node == null || node.isNull()) {
            if (required && edition == ServicedeskEdition.MSP) {
                errors.add(MSP, "is required for the msp edition: {\"gate_account\", \"gate_site\", \"accounts\"}");
            }
            return null;
        }
        if (edition != ServicedeskEdition.MSP) {
            errors.add(MSP, "applies to servicedesk_edition msp only");
            return null;
        }
        if (!node.isObject()) {
            errors.add(MSP, "must be an object like {\"accounts\": [\"Contoso\"], \"gate_account\": \"Contoso\", "
                    + "\"gate_site\": \"Main\"}");
            return null;
        }
        int before = errors.size();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!MSP_KEYS.contains(key)) {
                errors.add(MSP + "." + Checks.printable(key), "unknown field; allowed: " + new TreeSet<>(MSP_KEYS));
            }
        }
        String gateAccount = Checks.name(node.get("gate_account"), MSP + ".gate_account", errors);
        String gateSite = Checks.name(node.get("gate_site"), MSP + ".gate_site", errors);
        List<String> accounts = accounts(node.get("accounts"), errors);
        if (errors.size() != before) {
            return null;
        }
        MspSettings settings = new MspSettings(accounts, gateAccount, gateSite);
        if (!settings.covers(gateAccount)) {
            errors.add(MSP + ".gate_account", "must be one of the accounts this tenant covers");
            return null;
        }
        return settings;
    }

    /** The scope given, or on create the edition's default; {@code account} needs the MSP edition. */
    static ContextScope scope(JsonNode body, ServicedeskEdition edition, boolean create, FieldErrors errors) {
        JsonNode node = body.get(SCOPE);
        if (node == null || node.isNull()) {
            return create ? ContextScope.defaultFor(edition) : null;
        }
        ContextScope scope;
        try {
            if (!node.isTextual()) {
                throw new IllegalArgumentException(SCOPE + " must be a string");
            }
            scope = ContextScope.fromWire(node.asText());
        } catch (IllegalArgumentException e) {
            errors.add(SCOPE, e.getMessage());
            return null;
        }
        if (scope == ContextScope.ACCOUNT && edition != ServicedeskEdition.MSP) {
            errors.add(SCOPE, "account applies to servicedesk_edition msp only (other editions have no accounts)");
            return null;
        }
        return scope;
    }

    private static List<String> accounts(JsonNode node, FieldErrors errors) {
        String field = MSP + ".accounts";
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_ACCOUNTS) {
            errors.add(field, "must be an array of at most " + MAX_ACCOUNTS + " account names");
            return List.of();
        }
        List<String> accounts = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (JsonNode item : node) {
            String account = Checks.name(item, field, errors);
            if (account != null && !seen.add(account.toLowerCase(Locale.ROOT))) {
                errors.add(field, "account names must be distinct");
                return List.of();
            }
            if (account != null) {
                accounts.add(account);
            }
        }
        return accounts;
    }
}
