package com.aiagents.platform.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.common.errors.ErrorBody;
import com.aiagents.platform.common.support.Http;
import com.aiagents.platform.common.support.Http.Reply;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class PlatformAuthTest {
    private static final DropwizardAppExtension<AuthTestApp.Config> APP =
            new DropwizardAppExtension<>(AuthTestApp.class, ResourceHelpers.resourceFilePath("auth-test.yml"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPERATOR = "operator-token-0123456789";
    private static final String VIEWER = "viewer-token-0123456789";
    private static final String SERVICE = "service-token-0123456789";
    private static final String PROVISIONING = "provisioning-token-0123456789";

    private static Reply get(String path, String... headers) {
        return Http.get("http://127.0.0.1:" + APP.getLocalPort() + path, headers);
    }

    private static Reply withBearer(String path, String token) {
        return get(path, "Authorization", "Bearer " + token);
    }

    private static void assertJsonError(Reply reply, int status, String slug) throws Exception {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/json");
        ErrorBody body = JSON.readValue(reply.body(), ErrorBody.class);
        assertThat(body.code()).isEqualTo(status);
        assertThat(body.error()).isEqualTo(slug);
    }

    private static void assertUnauthorized(Reply reply) throws Exception {
        assertJsonError(reply, 401, "unauthorized");
        assertThat(JSON.readValue(reply.body(), ErrorBody.class).message()).isEqualTo("missing or invalid bearer token");
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void missingTokenIs401Json() throws Exception {
        assertUnauthorized(get("/v1/whoami"));
    }

    @Test
    void unknownTokenIs401Json() throws Exception {
        assertUnauthorized(withBearer("/v1/whoami", "not-a-configured-token-at-all"));
    }

    @Test
    void otherSchemeIs401Json() throws Exception {
        assertUnauthorized(get("/v1/whoami", "Authorization", "Basic " + OPERATOR));
    }

    @Test
    void unsetEnvironmentTokenIsSkippedNotAcceptedLiterally() throws Exception {
        assertUnauthorized(withBearer("/v1/whoami", "${KERNEL_TEST_UNSET_ADMIN_TOKEN}"));
    }

    @Test
    void validTokenOfTheWrongRoleIs403Json() throws Exception {
        assertJsonError(withBearer("/v1/whoami", VIEWER), 403, "forbidden");
        assertJsonError(withBearer("/internal/ping", OPERATOR), 403, "forbidden");
    }

    @Test
    void rightRoleIsAdmittedAndInjectedAsPrincipal() throws Exception {
        Reply reply = withBearer("/v1/whoami", OPERATOR);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(JSON.readTree(reply.body()).get("name").asText()).isEqualTo("ops");
        assertThat(JSON.readTree(reply.body()).get("role").asText()).isEqualTo("operator");
    }

    @Test
    void tokenConfiguredAsSha256IsAdmitted() throws Exception {
        Reply reply = withBearer("/internal/ping", SERVICE);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(JSON.readTree(reply.body()).get("name").asText()).isEqualTo("gates-runner");
    }

    @Test
    void aServiceIsAdmittedOnlyWhereItsNameIsAllowed() throws Exception {
        assertThat(withBearer("/internal/onboarding", PROVISIONING).status()).isEqualTo(200);
        Reply gatesThere = withBearer("/internal/onboarding", SERVICE);
        assertJsonError(gatesThere, 403, "forbidden");
        assertThat(JSON.readValue(gatesThere.body(), ErrorBody.class).message()).contains("gates-runner");
        assertJsonError(withBearer("/internal/ping", PROVISIONING), 403, "forbidden");
    }

    @Test
    void anEndpointThatNamesNoServiceAdmitsNone() throws Exception {
        assertJsonError(withBearer("/internal/undecided", SERVICE), 403, "forbidden");
        assertJsonError(withBearer("/internal/undecided", PROVISIONING), 403, "forbidden");
    }

    @Test
    void actingForIsAcceptedOnlyFromProvisioningService() throws Exception {
        assertThat(get("/internal/onboarding", "Authorization", "Bearer " + PROVISIONING,
                "X-Acting-For", "alice").status()).isEqualTo(200);
        Reply fromGates = get("/internal/ping", "Authorization", "Bearer " + SERVICE, "X-Acting-For", "alice");
        assertJsonError(fromGates, 403, "forbidden");
        assertThat(JSON.readValue(fromGates.body(), ErrorBody.class).message()).contains("X-Acting-For");
        assertJsonError(get("/v1/whoami", "Authorization", "Bearer " + OPERATOR, "X-Acting-For", "alice"), 403, "forbidden");
    }

    @Test
    void aTokenInTheQueryStringIs401EvenWhereNoTokenIsNeeded() throws Exception {
        for (String parameter : java.util.List.of("access_token", "token", "api_key")) {
            Reply reply = get("/v1/whoami?" + parameter + "=" + OPERATOR);
            assertJsonError(reply, 401, "unauthorized");
            assertThat(reply.body()).doesNotContain(OPERATOR).contains("Authorization");
            assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
        }
        assertJsonError(get("/public?access_token=" + OPERATOR), 401, "unauthorized");
        // the header still works, with harmless query parameters beside it
        assertThat(get("/v1/whoami?limit=5", "Authorization", "Bearer " + OPERATOR).status()).isEqualTo(200);
    }

    @Test
    void endpointsWithoutRolesNeedNoToken() {
        assertThat(get("/public").status()).isEqualTo(200);
    }
}
