package com.aiagents.platform.tenant.resources;

import static com.aiagents.platform.tenant.testing.TenantServiceExtension.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.JsonHttp.Reply;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input gets a clear 400 JSON error naming the field, and nothing is written. */
class TenantValidationTest {
    @RegisterExtension
    static final TenantServiceExtension SERVICE = new TenantServiceExtension();
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> invalidCreates() {
        return Stream.of(
                bad("tenant_id", b -> b.put("tenant_id", "a".repeat(51))),
                bad("tenant_id", b -> b.put("tenant_id", "Acme")),
                bad("tenant_id", b -> b.put("tenant_id", "acme corp")),
                bad("tenant_id", b -> b.put("tenant_id", "../etc")),
                bad("tenant_id", b -> b.put("tenant_id", "x'; DROP TABLE tenant_configs; --")),
                bad("tenant_id", b -> b.put("tenant_id", "")),
                bad("tenant_id", b -> b.put("tenant_id", 42)),
                bad("name", b -> b.remove("name")),
                bad("name", b -> b.put("name", "   ")),
                bad("tier", b -> b.put("tier", "gold")),
                bad("enhancement_preferences.temperature",
                        b -> ((ObjectNode) b.get("enhancement_preferences")).put("temperature", 0.2)),
                bad("enhancement_preferences.max_tokens",
                        b -> ((ObjectNode) b.get("enhancement_preferences")).put("max_tokens", 49)),
                bad("enhancement_preferences.max_tokens",
                        b -> ((ObjectNode) b.get("enhancement_preferences")).put("max_tokens", 4001)),
                bad("enhancement_preferences.output_format",
                        b -> ((ObjectNode) b.get("enhancement_preferences")).put("output_format", "pdf")),
                bad("enhancement_preferences.context_sources",
                        b -> ((ObjectNode) b.get("enhancement_preferences")).putArray("context_sources").add("crm")),
                bad("rate_limits.requests_per_minute", b -> b.putObject("rate_limits").put("requests_per_minute", 0)),
                bad("rate_limits.requests_per_minute",
                        b -> b.putObject("rate_limits").put("requests_per_minute", 100001)),
                bad("rate_limits.requests_per_minute",
                        b -> b.putObject("rate_limits").put("requests_per_minute", "lots")),
                bad("servicedesk_url", b -> b.put("servicedesk_url", "not a url")),
                bad("servicedesk_url", b -> b.put("servicedesk_url", "ftp://sdp.example")),
                bad("servicedesk_url", b -> b.put("servicedesk_url", "https://user:pw@sdp.example")),
                bad("admin_contact_email", b -> b.put("admin_contact_email", "not-an-email")),
                bad("admin_contact_email", b -> b.put("admin_contact_email", "a@b")),
                bad("servicedesk_credentials.api_key", b -> b.putObject("servicedesk_credentials")),
                bad("servicedesk_credentials.client_id", b -> b.put("servicedesk_edition", "cloud")),
                bad("servicedesk_edition", b -> b.put("servicedesk_edition", "saas")),
                bad("webhook_auth.mode", b -> b.putObject("webhook_auth").put("mode", "basic")),
                bad("servicedesk_msp", b -> b.put("servicedesk_edition", "msp")),
                bad("servicedesk_msp", b -> b.putObject("servicedesk_msp").put("gate_account", "Contoso")
                        .put("gate_site", "Main")),
                bad("servicedesk_msp.gate_site", b -> b.put("servicedesk_edition", "msp")
                        .putObject("servicedesk_msp").put("gate_account", "Contoso")),
                bad("servicedesk_msp.gate_account", b -> {
                    ObjectNode msp = b.put("servicedesk_edition", "msp").putObject("servicedesk_msp")
                            .put("gate_account", "Contoso").put("gate_site", "Main");
                    msp.putArray("accounts").add("Fabrikam");
                }),
                bad("servicedesk_msp.accounts", b -> b.put("servicedesk_edition", "msp").putObject("servicedesk_msp")
                        .put("gate_account", "A").put("gate_site", "Main").putArray("accounts").add("A").add("a")),
                bad("context_scope", b -> b.put("context_scope", "account")),
                bad("context_scope", b -> b.put("context_scope", "everything")),
                bad("favourite_colour", b -> b.put("favourite_colour", "blue")));
    }

    private static Arguments bad(String field, Consumer<ObjectNode> mutation) {
        return Arguments.of(field, mutation);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCreates")
    void invalidCreateIsA400NamingTheFieldAndWritesNothing(String field, Consumer<ObjectNode> mutation) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(TenantApiTest.createBody("valid-id", "SECRET-KEY-VALUE"));
        mutation.accept(body);
        long before = rows();

        Reply reply = new JsonHttp(SERVICE.baseUrl()).post("/v1/tenants", OPERATOR_TOKEN, body.toString());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.json().get("code").asInt()).isEqualTo(400);
        assertThat(reply.json().get("fields").findValuesAsText("field")).contains(field);
        assertThat(reply.body()).doesNotContain("SECRET-KEY-VALUE").doesNotContain("Exception").doesNotContain("at com.");
        assertThat(rows()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"name\": ", "[1,2,3]", "\"a string\"", "null"})
    void aBodyThatIsNotAJsonObjectIsA400(String body) throws SQLException {
        long before = rows();
        Reply reply = new JsonHttp(SERVICE.baseUrl()).post("/v1/tenants", OPERATOR_TOKEN, body);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("message").asText()).isNotBlank();
        assertThat(rows()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPPER", "a..b", "-lead", "x%27%3B"})
    void aMalformedTenantIdInThePathIsA400(String id) {
        Reply reply = new JsonHttp(SERVICE.baseUrl()).get("/v1/tenants/" + id, OPERATOR_TOKEN);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).isEqualTo("invalid_tenant_id");
    }

    /** Tenants plus audit entries, counted past RLS. */
    private static long rows() throws SQLException {
        try (Connection c = SERVICE.database().connectAsSuperuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM tenant_configs) + (SELECT count(*) FROM audit_log)")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
