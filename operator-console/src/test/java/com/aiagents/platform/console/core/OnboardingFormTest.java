package com.aiagents.platform.console.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnboardingFormTest {
    @Test
    void theBodyNestsFieldsAndLeavesEmptyOnesToTheApisDefaults() {
        MultivaluedHashMap<String, String> typed = new MultivaluedHashMap<>();
        typed.putSingle("tenant_id", " acme ");
        typed.putSingle("name", "Acme");
        typed.putSingle("servicedesk_credentials.api_key", "KEY");
        typed.putSingle("webhook_auth.mode", "token");
        typed.putSingle("servicedesk_msp.gate_site", "");
        typed.putSingle("idempotency_key", "console-abc");

        Map<String, Object> body = OnboardingForm.submitted(typed).body();

        assertThat(body).containsEntry("tenant_id", "acme").containsEntry("idempotency_key", "console-abc")
                .containsEntry("servicedesk_credentials", Map.of("api_key", "KEY"))
                .containsEntry("webhook_auth", Map.of("mode", "token"))
                .doesNotContainKeys("servicedesk_msp", "tier");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApisFieldErrorsGoNextToTheirInputsAndCredentialsAreNotEchoed() throws Exception {
        MultivaluedHashMap<String, String> typed = new MultivaluedHashMap<>();
        typed.putSingle("admin_contact_email", "nope");
        typed.putSingle("servicedesk_credentials.api_key", "SECRET-KEY");
        OnboardingForm form = OnboardingForm.submitted(typed);

        List<String> general = form.refused(new ObjectMapper().readTree("{\"error\":\"invalid_request\",\"fields\":["
                + "{\"field\":\"admin_contact_email\",\"message\":\"not an e-mail address\"},"
                + "{\"field\":\"servicedesk_credentials\",\"message\":\"api_key is required\"},"
                + "{\"field\":\"rate_limits.requests_per_minute\",\"message\":\"1..100000\"}]}"));

        assertThat(general).containsExactly("rate_limits.requests_per_minute: 1..100000");
        List<Map<String, Object>> fields = (List<Map<String, Object>>) form.model().get("fields");
        Map<String, Object> email = fields.stream().filter(f -> f.get("name").equals("admin_contact_email")).findFirst().orElseThrow();
        assertThat(email).containsEntry("error", "not an e-mail address").containsEntry("value", "nope");
        Map<String, Object> key = fields.stream().filter(f -> f.get("name").equals("servicedesk_credentials.api_key"))
                .findFirst().orElseThrow();
        assertThat(key).containsEntry("error", "api_key is required").containsEntry("value", "");
        assertThat(form.model().toString()).doesNotContain("SECRET-KEY");
    }
}
