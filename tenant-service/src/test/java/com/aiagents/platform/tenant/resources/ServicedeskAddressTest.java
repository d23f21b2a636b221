package com.aiagents.platform.tenant.resources;

import static com.aiagents.platform.tenant.testing.TenantServiceExtension.ADMIN_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.OPERATOR_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.PROVISIONING_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.WORKER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.JsonHttp.Reply;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where a tenant's SDP may be, through real HTTP against a tenant-service configured as in
 * production (SDP_ALLOW_PRIVATE_NETWORKS=false): refused addresses, the admin-only private
 * networks, and moving the URL to another host.
 */
class ServicedeskAddressTest {
    @RegisterExtension
    static final TenantServiceExtension SERVICE = new TenantServiceExtension().refusingPrivateNetworks();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonHttp http;

    @BeforeAll
    static void client() {
        http = new JsonHttp(SERVICE.baseUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://127.0.0.1", "https://127.0.0.1:8443/sdp", "https://10.0.0.5", "https://172.16.0.1",
            "https://172.31.255.254", "https://192.168.1.10", "https://169.254.169.254/latest/meta-data",
            "https://100.100.100.200", "https://[::1]", "https://[::1]:8080", "https://[::ffff:127.0.0.1]",
            "https://[::ffff:7f00:1]", "https://[::ffff:10.0.0.5]", "https://[fd00:ec2::254]", "https://[fe80::1]",
            "https://0.0.0.0", "https://localhost", "https://localhost:9081", "https://2130706433",
            "https://0177.0.0.1", "https://0x7f.1", "https://127.1", "http://sdp.acme.example"})
    void aRefusedAddressIsA400NamingTheFieldAndNothingIsStored(String url) throws Exception {
        String id = uniqueId("ssrf");

        Reply reply = http.post("/v1/tenants", OPERATOR_TOKEN, body(id, url, null));

        assertThat(reply.status()).as(url).isEqualTo(400);
        assertThat(fields(reply)).as(url).contains("servicedesk_url");
        assertThat(reply.body()).doesNotContain("SDP-KEY");
        assertThat(http.get("/v1/tenants/" + id, ADMIN_TOKEN).status()).isEqualTo(404);
        assertThat(auditActions(id)).isEmpty();
    }

    @Test
    void aGloballyRoutableHttpsAddressIsAccepted() {
        assertThat(http.post("/v1/tenants", OPERATOR_TOKEN, body(uniqueId("public"), "https://93.184.216.34", null))
                .status()).isEqualTo(201);
        assertThat(http.post("/v1/tenants", OPERATOR_TOKEN,
                body(uniqueId("public"), "https://sdp.acme.example/app/itdesk", null)).status()).isEqualTo(201);
    }

    @Test
    void theZohoAccountsUrlIsCheckedToo() {
        String body = """
                {"tenant_id": "%s", "name": "Globex", "admin_contact_email": "admin@globex.example",
                 "servicedesk_url": "https://sdpondemand.manageengine.com/app/globex", "servicedesk_edition": "cloud",
                 "servicedesk_credentials": {"client_id": "1000.ID", "client_secret": "S", "refresh_token": "R",
                                             "accounts_url": "https://169.254.169.254"}}""".formatted(uniqueId("zoho"));

        Reply reply = http.post("/v1/tenants", OPERATOR_TOKEN, body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(fields(reply)).containsExactly("servicedesk_credentials.accounts_url");
        assertThat(reply.json().at("/fields/0/message").asText()).contains("cloud metadata");
    }

    @Test
    void onlyTheAdminRoleMaySetPrivateNetworks() {
        String id = uniqueId("vpn");
        for (String token : List.of(OPERATOR_TOKEN, PROVISIONING_TOKEN)) {
            Reply refused = http.post("/v1/tenants", token, body(id, "https://10.20.0.5", "[\"10.20.0.0/16\"]"));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().path("message").asText()).contains("servicedesk_private_networks");
        }
        assertThat(http.get("/v1/tenants/" + id, ADMIN_TOKEN).status()).isEqualTo(404);

        Reply created = http.post("/v1/tenants", ADMIN_TOKEN, body(id, "https://10.20.0.5", "[\"10.20.0.0/16\"]"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("servicedesk_private_networks").toString()).isEqualTo("[\"10.20.0.0/16\"]");

        Reply operatorPatch = http.patch("/v1/tenants/" + id, OPERATOR_TOKEN,
                "{\"servicedesk_private_networks\": [\"10.0.0.0/8\"]}");
        assertThat(operatorPatch.status()).isEqualTo(403);
        assertThat(http.get("/v1/tenants/" + id, OPERATOR_TOKEN).json().path("servicedesk_private_networks").toString())
                .isEqualTo("[\"10.20.0.0/16\"]");
    }

    @Test
    void settingPrivateNetworksIsAuditedAndReachesTheRuntimeConfig() throws Exception {
        String id = uniqueId("vpn");
        assertThat(http.post("/v1/tenants", ADMIN_TOKEN, body(id, "https://10.20.0.5", "[\"10.20.0.0/16\"]")).status())
                .isEqualTo(201);

        Reply patched = http.patch("/v1/tenants/" + id, ADMIN_TOKEN,
                "{\"servicedesk_private_networks\": [\"10.20.0.0/16\", \"fd00:1::/48\"]}");

        assertThat(patched.status()).isEqualTo(200);
        JsonNode audit = lastAudit(id, "tenant.private_networks_changed");
        assertThat(audit.path("previous").toString()).isEqualTo("[\"10.20.0.0/16\"]");
        assertThat(audit.path("servicedesk_private_networks").toString()).isEqualTo("[\"10.20.0.0/16\",\"fd00:1::/48\"]");
        assertThat(auditActors(id, "tenant.private_networks_changed")).containsOnly("test-admin");
        Reply runtime = http.get("/internal/v1/tenants/" + id + "/runtime-config", WORKER_TOKEN);
        assertThat(runtime.status()).isEqualTo(200);
        assertThat(runtime.json().at("/servicedesk/private_networks").toString())
                .isEqualTo("[\"10.20.0.0/16\",\"fd00:1::/48\"]");
    }

    @Test
    void privateNetworksMustBePrivateRangesWrittenAsNetworks() {
        String id = uniqueId("vpn");
        Reply reply = http.post("/v1/tenants", ADMIN_TOKEN,
                body(id, "https://sdp.acme.example", "[\"127.0.0.0/8\", \"10.20.0.1/16\", \"169.254.0.0/16\", \"intranet\", 7]"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(fields(reply)).containsExactly("servicedesk_private_networks[0]", "servicedesk_private_networks[1]",
                "servicedesk_private_networks[2]", "servicedesk_private_networks[3]", "servicedesk_private_networks[4]");
        assertThat(reply.body()).contains("host bits set; the network is 10.20.0.0/16");
        assertThat(http.get("/v1/tenants/" + id, ADMIN_TOKEN).status()).isEqualTo(404);
    }

    @Test
    void removingTheNetworkTheUrlNeedsIsRefused() {
        String id = uniqueId("vpn");
        http.post("/v1/tenants", ADMIN_TOKEN, body(id, "https://10.20.0.5", "[\"10.20.0.0/16\"]"));

        Reply reply = http.patch("/v1/tenants/" + id, ADMIN_TOKEN, "{\"servicedesk_private_networks\": []}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(fields(reply)).containsExactly("servicedesk_private_networks");
        assertThat(reply.body()).contains("the tenant's servicedesk_url");
    }

    @Test
    void movingTheUrlToAnotherHostNeedsTheCredentialsAndIsAudited() throws Exception {
        String id = uniqueId("move");
        assertThat(http.post("/v1/tenants", OPERATOR_TOKEN, body(id, "https://sdp.acme.example", null)).status())
                .isEqualTo(201);

        Reply withoutCredentials = http.patch("/v1/tenants/" + id, OPERATOR_TOKEN,
                "{\"servicedesk_url\": \"https://sdp.attacker.example\"}");
        assertThat(withoutCredentials.status()).isEqualTo(400);
        assertThat(fields(withoutCredentials)).containsExactly("servicedesk_credentials");
        assertThat(http.get("/v1/tenants/" + id, OPERATOR_TOKEN).json().path("servicedesk_url").asText())
                .isEqualTo("https://sdp.acme.example");

        assertThat(http.patch("/v1/tenants/" + id, OPERATOR_TOKEN,
                "{\"servicedesk_url\": \"https://SDP.acme.example/app/itdesk\"}").status())
                .as("same host, another path: no credentials needed").isEqualTo(200);
        assertThat(auditActions(id)).doesNotContain("tenant.servicedesk_host_changed");

        Reply moved = http.patch("/v1/tenants/" + id, OPERATOR_TOKEN, """
                {"servicedesk_url": "https://sdp2.acme.example",
                 "servicedesk_credentials": {"api_key": "SDP-KEY-NEW-HOST"}}""");
        assertThat(moved.status()).isEqualTo(200);
        JsonNode audit = lastAudit(id, "tenant.servicedesk_host_changed");
        assertThat(audit.path("old_host").asText()).isEqualTo("sdp.acme.example");
        assertThat(audit.path("new_host").asText()).isEqualTo("sdp2.acme.example");
        assertThat(audit.toString()).doesNotContain("SDP-KEY");
    }

    @Test
    void aPatchToARefusedAddressChangesNothing() {
        String id = uniqueId("patch");
        http.post("/v1/tenants", OPERATOR_TOKEN, body(id, "https://sdp.acme.example", null));

        Reply reply = http.patch("/v1/tenants/" + id, OPERATOR_TOKEN, """
                {"servicedesk_url": "https://169.254.169.254", "servicedesk_credentials": {"api_key": "SDP-KEY-2"}}""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(fields(reply)).containsExactly("servicedesk_url");
        assertThat(http.get("/v1/tenants/" + id, OPERATOR_TOKEN).json().path("servicedesk_url").asText())
                .isEqualTo("https://sdp.acme.example");
    }

    private static String body(String id, String url, String networks) {
        return """
                {"tenant_id": "%s", "name": "Acme", "admin_contact_email": "admin@acme.example",
                 "servicedesk_url": "%s", "servicedesk_edition": "onprem",
                 "servicedesk_credentials": {"api_key": "SDP-KEY-%s"}%s}"""
                .formatted(id, url, id, networks == null ? "" : ", \"servicedesk_private_networks\": " + networks);
    }

    private static List<String> fields(Reply reply) {
        return reply.json().path("fields").findValuesAsText("field");
    }

    private static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> auditActions(String tenantId) throws Exception {
        return column("SELECT action FROM audit_log WHERE target_tenant_id = '" + tenantId + "' ORDER BY id");
    }

    private static List<String> auditActors(String tenantId, String action) throws Exception {
        return column("SELECT actor FROM audit_log WHERE target_tenant_id = '" + tenantId + "' AND action = '"
                + action + "'");
    }

    private static JsonNode lastAudit(String tenantId, String action) throws Exception {
        List<String> details = column("SELECT details::text FROM audit_log WHERE target_tenant_id = '" + tenantId
                + "' AND action = '" + action + "' ORDER BY id DESC LIMIT 1");
        assertThat(details).as("an audit entry " + action).hasSize(1);
        return JSON.readTree(details.get(0));
    }

    private static List<String> column(String sql) throws Exception {
        return SERVICE.database().columnAsSuperuser(sql);
    }
}
