package com.aiagents.platform.tenant.resources;

import static com.aiagents.platform.tenant.testing.TenantServiceExtension.ADMIN_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.OPERATOR_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.VIEWER_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.WORKER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.JsonHttp.Reply;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A ServiceDesk Plus MSP tenant: its accounts, gate 3's account and site, and its context scope. */
class MspTenantTest {
    @RegisterExtension
    static final TenantServiceExtension SERVICE = new TenantServiceExtension();

    private final JsonHttp http = new JsonHttp(SERVICE.baseUrl());

    @Test
    void anMspTenantKeepsItsAccountsAndGateSiteAndScopesContextToTheAccountByDefault() {
        String id = TenantApiTest.uniqueId("msp");
        Reply created = http.post("/v1/tenants", ADMIN_TOKEN, mspBody(id, null));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("servicedesk_edition").asText()).isEqualTo("msp");
        assertThat(created.json().get("context_scope").asText()).isEqualTo("account");
        assertThat(created.json().at("/servicedesk_msp/gate_account").asText()).isEqualTo("Contoso");
        assertThat(created.json().at("/servicedesk_msp/gate_site").asText()).isEqualTo("Main");
        assertThat(created.json().at("/servicedesk_msp/accounts").toString()).isEqualTo("[\"Contoso\",\"Fabrikam\"]");

        JsonNode runtime = http.get("/internal/v1/tenants/" + id + "/runtime-config", WORKER_TOKEN).json();
        assertThat(runtime.get("context_scope").asText()).isEqualTo("account");
        assertThat(runtime.at("/servicedesk/edition").asText()).isEqualTo("msp");
        assertThat(runtime.at("/servicedesk/msp/gate_account").asText()).isEqualTo("Contoso");

        Reply widened = http.patch("/v1/tenants/" + id, OPERATOR_TOKEN, "{\"context_scope\": \"tenant\"}");
        assertThat(widened.status()).as(widened.body()).isEqualTo(200);
        assertThat(widened.json().get("context_scope").asText()).isEqualTo("tenant");
        assertThat(widened.json().at("/servicedesk_msp/gate_account").asText()).as("kept").isEqualTo("Contoso");
    }

    @Test
    void anMspTenantMayChooseTheTenantScopeAndOtherEditionsGetIt() {
        Reply msp = http.post("/v1/tenants", ADMIN_TOKEN, mspBody(TenantApiTest.uniqueId("msp"), "tenant"));
        Reply onPrem = http.post("/v1/tenants", ADMIN_TOKEN,
                TenantApiTest.createBody(TenantApiTest.uniqueId("onprem"), "KEY-ONPREM-1"));

        assertThat(msp.json().get("context_scope").asText()).isEqualTo("tenant");
        assertThat(onPrem.json().get("context_scope").asText()).isEqualTo("tenant");
        assertThat(onPrem.json().has("servicedesk_msp")).isFalse();
    }

    @Test
    void theListingAndTheSingleViewShowTheMspFields() {
        String msp = TenantApiTest.uniqueId("mspl");
        String onPrem = TenantApiTest.uniqueId("onpreml");
        assertThat(http.post("/v1/tenants", ADMIN_TOKEN, mspBody(msp, null)).status()).isEqualTo(201);
        assertThat(http.post("/v1/tenants", ADMIN_TOKEN, TenantApiTest.createBody(onPrem, "KEY-ONPREM-3")).status())
                .isEqualTo(201);

        Reply listed = http.get("/v1/tenants?limit=1000", VIEWER_TOKEN);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonNode mspListed = listed.element("tenants", "tenant_id", msp);
        JsonNode onPremListed = listed.element("tenants", "tenant_id", onPrem);
        JsonNode single = http.get("/v1/tenants/" + msp, VIEWER_TOKEN).json();
        for (JsonNode view : java.util.List.of(mspListed, single)) {
            assertThat(view.path("servicedesk_edition").asText()).isEqualTo("msp");
            assertThat(view.path("context_scope").asText()).isEqualTo("account");
            assertThat(view.at("/servicedesk_msp/accounts").toString()).isEqualTo("[\"Contoso\",\"Fabrikam\"]");
            assertThat(view.at("/servicedesk_msp/gate_account").asText()).isEqualTo("Contoso");
            assertThat(view.at("/servicedesk_msp/gate_site").asText()).isEqualTo("Main");
        }
        assertThat(onPremListed.path("context_scope").asText()).isEqualTo("tenant");
        assertThat(onPremListed.has("servicedesk_msp")).isFalse();
        assertThat(listed.body()).doesNotContain("MSP-TECH-KEY-1").doesNotContain("KEY-ONPREM-3");
    }

    @Test
    void aPatchToTheMspEditionNeedsItsGateAccount() {
        String id = TenantApiTest.uniqueId("tomsp");
        http.post("/v1/tenants", ADMIN_TOKEN, TenantApiTest.createBody(id, "KEY-ONPREM-2"));

        Reply refused = http.patch("/v1/tenants/" + id, OPERATOR_TOKEN,
                "{\"servicedesk_edition\": \"msp\", \"servicedesk_credentials\": {\"api_key\": \"KEY-MSP-2\"}}");
        Reply accepted = http.patch("/v1/tenants/" + id, OPERATOR_TOKEN,
                "{\"servicedesk_edition\": \"msp\", \"servicedesk_credentials\": {\"api_key\": \"KEY-MSP-2\"},"
                        + " \"servicedesk_msp\": {\"gate_account\": \"Contoso\", \"gate_site\": \"Main\"}}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("servicedesk_msp");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("context_scope").asText()).as("the new edition's default").isEqualTo("account");
    }

    static String mspBody(String tenantId, String scope) {
        return """
                {"tenant_id": "%s", "name": "Northwind MSP", "tier": "basic",
                 "admin_contact_email": "admin@northwind.example",
                 "servicedesk_url": "https://msp.northwind.example", "servicedesk_edition": "msp",
                 "servicedesk_credentials": {"api_key": "MSP-TECH-KEY-1"},
                 "servicedesk_msp": {"accounts": ["Contoso", "Fabrikam"], "gate_account": "Contoso", "gate_site": "Main"}%s}"""
                .formatted(tenantId, scope == null ? "" : ", \"context_scope\": \"" + scope + "\"");
    }
}
