package com.aiagents.platform.localrun;

import static com.aiagents.platform.localrun.ServiceCatalog.TENANT_SERVICE;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's people (docs/people-and-access.md): an MSP admin and a tenant admin of the demo tenant,
 * created through tenant-service's {@code POST /v1/users} with the break-glass PLATFORM_ADMIN_TOKEN,
 * each with a password generated for this run (there is never a default password). An account an
 * earlier run left on the same database is deleted and created again, so this run's password is the
 * one that works.
 */
final class DemoPeople {
    static final String MSP_ADMIN_EMAIL = "demo-admin@msp.example";
    static final String TENANT_ADMIN_EMAIL = "demo-admin@acme.example";

    /** A demo person and the password generated for this run; the password is never in {@link #toString()}. */
    record Account(String label, String email, String password, String role, String tenantId) {
        @Override
        public String toString() {
            return "Account[" + email + ", " + role + (tenantId == null ? "" : ", " + tenantId) + ", password redacted]";
        }
    }

    private final LocalPlatform platform;
    private final Steps steps;
    private final HttpJson http;

    DemoPeople(LocalPlatform platform, Steps steps, HttpJson http) {
        this.platform = platform;
        this.steps = steps;
        this.http = http;
    }

    /** @param tenantStatus the demo tenant's status after its onboarding ({@code absent}: no tenant admin) */
    List<Account> create(String tenantId, String tenantStatus) throws InterruptedException {
        List<Account> wanted = new ArrayList<>();
        wanted.add(new Account("MSP admin", MSP_ADMIN_EMAIL, password(), "admin", null));
        Account tenantAdmin = new Account(tenantId + " tenant admin", TENANT_ADMIN_EMAIL, password(), "tenant_admin", tenantId);
        String tenants = platform.url(TENANT_SERVICE).orElse(null);
        List<Account> created = new ArrayList<>();
        if (tenants == null) {
            steps.skipped("demo users", "tenant-service is not running");
            return created;
        }
        if ("absent".equals(tenantStatus)) {
            steps.skipped(step(tenantAdmin), "the tenant " + tenantId + " was not created");
        } else {
            wanted.add(tenantAdmin);
        }
        for (Account account : wanted) {
            try {
                if (createOrReplace(tenants, account)) {
                    created.add(account);
                }
            } catch (IOException e) {
                steps.failed(step(account), "a call failed: " + e.getMessage());
            }
        }
        return created;
    }

    private boolean createOrReplace(String tenants, Account account) throws IOException, InterruptedException {
        Map<String, String> auth = HttpJson.bearer(platform.adminToken());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", account.email());
        body.put("password", account.password());
        body.put("role", account.role());
        if (account.tenantId() != null) {
            body.put("tenant_id", account.tenantId());
        }
        HttpJson.Reply reply = http.json("POST", tenants + "/v1/users", auth, body);
        boolean replaced = false;
        if (reply.status() == 409) {
            // an earlier run's account on this database: its password is not this run's, so replace it
            String scope = account.tenantId() == null ? "" : "?tenant_id=" + account.tenantId();
            for (JsonNode user : http.get(tenants + "/v1/users" + scope, auth).body().path("users")) {
                if (user.path("email").asText().toLowerCase(Locale.ROOT).equals(account.email())) {
                    http.json("DELETE", tenants + "/v1/users/" + user.path("id").asText() + scope, auth, Map.of());
                    replaced = true;
                }
            }
            reply = http.json("POST", tenants + "/v1/users", auth, body);
        }
        if (!reply.ok()) {
            steps.failed(step(account), reply.problem());
            return false;
        }
        steps.ok(step(account), account.email() + (replaced ? " (an earlier run's account replaced)" : "")
                + ", password generated for this run");
        return true;
    }

    private static String step(Account account) {
        return "demo user: " + account.label() + " (" + account.role() + ")";
    }

    /** 32 hex characters from SecureRandom: well over the 12 a password needs, and new every run. */
    private static String password() {
        return Infrastructure.randomHex(16);
    }

    /**
     * A one-time sign-in link's code for the person (tenant-service's {@code POST /v1/auth/sign-in-links}
     * with the break-glass token): it signs in once, within minutes; empty when tenant-service refused.
     */
    Optional<String> signInCode(String email) {
        String tenants = platform.url(TENANT_SERVICE).orElse(null);
        if (tenants == null) {
            return Optional.empty();
        }
        try {
            HttpJson.Reply reply = http.json("POST", tenants + "/v1/auth/sign-in-links",
                    HttpJson.bearer(platform.adminToken()), Map.of("email", email));
            if (!reply.ok()) {
                steps.failed("console sign-in link", reply.problem());
                return Optional.empty();
            }
            return Optional.of(reply.body().path("code").asText());
        } catch (IOException e) {
            steps.failed("console sign-in link", "a call failed: " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The sign-in call for {@code account}, to paste into a shell. */
    static String loginCommand(String tenantServiceUrl, Account account) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("email", account.email());
        body.put("password", account.password());
        return "curl -s -X POST " + tenantServiceUrl + "/v1/auth/login -H 'Content-Type: application/json' -d '"
                + HttpJson.write(body) + "'";
    }
}
