package com.aiagents.platform.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.api.RateLimits;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.api.WebhookAuthMode;
import com.aiagents.platform.common.webhook.WebhookSignatures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class WebhookAuthenticatorTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final byte[] BODY = "{\"ticket_id\":\"1\"}".getBytes(StandardCharsets.UTF_8);

    private final WebhookAuthenticator authenticator = new WebhookAuthenticator(Clock.fixed(NOW, ZoneOffset.UTC));

    private static TenantRuntimeConfig tenant(WebhookAuthMode mode, String secret, String previous, Instant previousExpires) {
        return new TenantRuntimeConfig("acme", TenantStatus.ACTIVE, Tier.BASIC,
                new TenantRuntimeConfig.Webhook(mode, secret, previous, previousExpires), RateLimits.defaults(), null, null);
    }

    private static Function<String, List<String>> headers(Map<String, List<String>> values) {
        Map<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(values);
        return name -> caseInsensitive.getOrDefault(name, List.of());
    }

    private WebhookOutcome outcomeOf(TenantRuntimeConfig tenant, Map<String, List<String>> values) {
        try {
            authenticator.verify(tenant, headers(values), BODY);
            return WebhookOutcome.ACCEPTED;
        } catch (WebhookRejection r) {
            return r.outcome();
        }
    }

    @Test
    void hmacModeAcceptsEitherHeaderAndRejectsMissingWrongOrRepeatedSignatures() {
        TenantRuntimeConfig acme = tenant(WebhookAuthMode.HMAC, "new", null, null);
        String good = WebhookSignatures.hmacSha256Hex("new", BODY);
        assertThat(outcomeOf(acme, Map.of("x-servicedesk-signature", List.of(good)))).isEqualTo(WebhookOutcome.ACCEPTED);
        assertThat(outcomeOf(acme, Map.of("X-SDP-Signature", List.of(good)))).isEqualTo(WebhookOutcome.ACCEPTED);
        assertThat(outcomeOf(acme, Map.of())).isEqualTo(WebhookOutcome.UNAUTHORIZED);
        assertThat(outcomeOf(acme, Map.of("X-Webhook-Token", List.of("new")))).isEqualTo(WebhookOutcome.UNAUTHORIZED);
        assertThat(outcomeOf(acme, Map.of("X-ServiceDesk-Signature", List.of("0".repeat(64))))).isEqualTo(WebhookOutcome.FORBIDDEN);
        assertThat(outcomeOf(acme, Map.of("X-ServiceDesk-Signature", List.of(good, good)))).isEqualTo(WebhookOutcome.FORBIDDEN);
    }

    @Test
    void thePreviousSecretIsAcceptedOnlyUntilItsGracePeriodEnds() {
        String signedWithOld = WebhookSignatures.hmacSha256Hex("old", BODY);
        Map<String, List<String>> headers = Map.of("X-ServiceDesk-Signature", List.of(signedWithOld));
        assertThat(outcomeOf(tenant(WebhookAuthMode.HMAC, "new", "old", NOW.plusSeconds(1)), headers))
                .isEqualTo(WebhookOutcome.ACCEPTED);
        assertThat(outcomeOf(tenant(WebhookAuthMode.HMAC, "new", "old", NOW), headers))
                .isEqualTo(WebhookOutcome.FORBIDDEN);
    }

    @Test
    void tokenModeWantsTheSecretInXWebhookToken() {
        TenantRuntimeConfig acme = tenant(WebhookAuthMode.TOKEN, "tok-abc", "tok-old", NOW.plusSeconds(60));
        assertThat(outcomeOf(acme, Map.of("X-Webhook-Token", List.of("tok-abc")))).isEqualTo(WebhookOutcome.ACCEPTED);
        assertThat(outcomeOf(acme, Map.of("X-Webhook-Token", List.of("tok-old")))).isEqualTo(WebhookOutcome.ACCEPTED);
        assertThat(outcomeOf(acme, Map.of("X-Webhook-Token", List.of("tok-ab")))).isEqualTo(WebhookOutcome.FORBIDDEN);
        assertThat(outcomeOf(acme, Map.of("X-ServiceDesk-Signature",
                List.of(WebhookSignatures.hmacSha256Hex("tok-abc", BODY))))).isEqualTo(WebhookOutcome.UNAUTHORIZED);
    }

    @Test
    void aTenantWithoutSecretAcceptsNothing() {
        TenantRuntimeConfig broken = tenant(WebhookAuthMode.HMAC, null, null, null);
        assertThatThrownBy(() -> authenticator.verify(broken, headers(Map.of("X-ServiceDesk-Signature", List.of("x"))), BODY))
                .isInstanceOf(WebhookRejection.class);
        assertThatCode(() -> authenticator.verify(tenant(WebhookAuthMode.HMAC, "k", null, null),
                headers(Map.of("X-ServiceDesk-Signature", List.of("sha256=" + WebhookSignatures.hmacSha256Hex("k", BODY)))), BODY))
                .doesNotThrowAnyException();
    }
}
