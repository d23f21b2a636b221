package com.aiagents.platform.provisioning.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.common.errors.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class OnboardingRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCompleteBodyIsForwardedWithoutTheIdempotencyKeyAndWithTheTenantId() throws Exception {
        OnboardingRequest request = OnboardingRequest.parse(json("{\"idempotency_key\": \"k-1\", \"name\": \"Acme\","
                + " \"tier\": \"premium\", \"admin_contact_email\": \"a@acme.example\", \"servicedesk_url\": \"https://sdp\","
                + " \"servicedesk_credentials\": {\"api_key\": \"hunter2-secret\"}}"));

        assertThat(request.idempotencyKey()).contains("k-1");
        assertThat(request.tier()).isEqualTo(Tier.PREMIUM);
        assertThat(request.tenantId()).isEmpty();
        JsonNode forwarded = request.tenantCreateBody(TenantId.of("acme"));
        assertThat(forwarded.has("idempotency_key")).isFalse();
        assertThat(forwarded.path("tenant_id").asText()).isEqualTo("acme");
        assertThat(forwarded.path("servicedesk_credentials").path("api_key").asText()).isEqualTo("hunter2-secret");
        assertThat(request.toString()).doesNotContain("hunter2-secret");
    }

    @Test
    void everyLocallyCheckableProblemIsListedAndNoValueIsEchoed() throws Exception {
        ApiException e = catchThrowableOfType(ApiException.class, () -> OnboardingRequest.parse(json(
                "{\"tenant_id\": \"Secret Tenant Name\", \"tier\": \"gold\", \"servicedesk_edition\": \"saas\","
                        + " \"idempotency_key\": \"\", \"servicedesk_credentials\": \"hunter2-secret\", \"surprise\": 1}")));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.fields()).extracting(FieldError::field).containsExactlyInAnyOrder("surprise", "idempotency_key",
                "tenant_id", "tier", "servicedesk_edition", "name", "admin_contact_email", "servicedesk_url",
                "servicedesk_credentials");
        assertThat(e.body().toString()).doesNotContain("hunter2-secret").doesNotContain("Secret Tenant Name");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() throws Exception {
        assertThat(catchThrowableOfType(ApiException.class, () -> OnboardingRequest.parse(json("[1]"))).error())
                .isEqualTo("invalid_request");
        assertThat(catchThrowableOfType(ApiException.class, () -> OnboardingRequest.parse(null)).status()).isEqualTo(400);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
