package com.aiagents.platform.tenant.testing;

import com.aiagents.platform.common.auth.AuthConfig;
import com.aiagents.platform.common.auth.PlatformAuth;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.TokenIssuer;
import io.dropwizard.auth.Auth;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.ExternalLoggingFactory;
import io.dropwizard.testing.DropwizardTestSupport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for any other platform service: nothing but common/core's shared authentication
 * ({@link PlatformAuth}, tenant-service as the token issuer, reached with a service's own token) and
 * {@code GET /whoami} answering the principal it made of the bearer token. A person's token it
 * accepts is one every service accepts.
 */
public final class SharedVerifierApp extends Application<SharedVerifierApp.Settings> {
    private static String issuerUrl;
    private static String serviceToken;

    public static class Settings extends Configuration {
        final AuthConfig auth = new AuthConfig();
    }

    /** Started on free ports, verifying people's tokens against the tenant-service at {@code tenantServiceUrl}. */
    public static DropwizardTestSupport<Settings> start(String tenantServiceUrl, String ownServiceToken) throws Exception {
        issuerUrl = tenantServiceUrl;
        serviceToken = ownServiceToken;
        Settings settings = new Settings();
        DefaultServerFactory server = new DefaultServerFactory();
        HttpConnectorFactory app = new HttpConnectorFactory();
        app.setBindHost("127.0.0.1");
        app.setPort(0);
        HttpConnectorFactory admin = new HttpConnectorFactory();
        admin.setBindHost("127.0.0.1");
        admin.setPort(0);
        server.setApplicationConnectors(List.of(app));
        server.setAdminConnectors(List.of(admin));
        settings.setServerFactory(server);
        // the test's logging stays as it is (a log capture attached to it keeps working)
        settings.setLoggingFactory(new ExternalLoggingFactory());
        DropwizardTestSupport<Settings> support = new DropwizardTestSupport<>(SharedVerifierApp.class, settings);
        support.before();
        return support;
    }

    @Override
    protected void bootstrapLogging() {
        // leaves the running test's logging alone
    }

    @Override
    public void run(Settings settings, Environment environment) {
        PlatformAuth.register(environment, settings.auth, new TokenIssuer(issuerUrl, serviceToken, null));
        environment.jersey().register(new WhoAmI());
    }

    @Path("/whoami")
    @Produces(MediaType.APPLICATION_JSON)
    public static class WhoAmI {
        @GET
        public Map<String, Object> whoami(@Auth PlatformPrincipal principal) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("role", principal.role().value());
            answer.put("tenant_id", principal.tenant() == null ? null : principal.tenant().value());
            answer.put("user_id", principal.person() == null ? null : principal.person().userId().toString());
            answer.put("email", principal.person() == null ? null : principal.person().email());
            return answer;
        }
    }
}
