package com.aiagents.platform.tenant.resources;

import static com.aiagents.platform.tenant.testing.TenantServiceExtension.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.JsonHttp.Reply;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A one-time sign-in link past its configured lifetime (auth.signInLinkTtl) is refused like a used one. */
class SignInLinkExpiryTest {
    @RegisterExtension
    static final TenantServiceExtension SERVICE = new TenantServiceExtension()
            .withConfig("auth.signInLinkTtl", "1 millisecond");

    @Test
    void anExpiredCodeIsRefused() {
        JsonHttp http = new JsonHttp(SERVICE.baseUrl());
        String email = "late-" + UUID.randomUUID().toString().substring(0, 8) + "@msp.example";
        assertThat(http.post("/v1/users", ADMIN_TOKEN, "{\"email\": \"" + email + "\", \"password\": \"pw-"
                + UUID.randomUUID() + "\", \"role\": \"viewer\"}").status()).isEqualTo(201);
        Reply created = http.post("/v1/auth/sign-in-links", ADMIN_TOKEN, "{\"email\": \"" + email + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("expires_in").asLong()).isZero();

        Reply expired = http.post("/v1/auth/sign-in-links/redeem", null,
                "{\"code\": \"" + created.json().path("code").asText() + "\"}");
        assertThat(expired.status()).as(expired.body()).isEqualTo(401);
        assertThat(expired.json().path("error").asText()).isEqualTo("invalid_sign_in_link");
    }
}
