package com.aiagents.platform.tenant;

import com.aiagents.platform.common.auth.PlatformAuth;
import com.aiagents.platform.common.config.PlatformConfigs;
import com.aiagents.platform.common.crypto.SecretCipher;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.common.errors.JsonErrors;
import com.aiagents.platform.common.logging.CommandLines;
import com.aiagents.platform.common.openapi.OpenApiResource;
import com.aiagents.platform.common.health.PlatformHealth;
import com.aiagents.platform.common.metrics.PrometheusMetrics;
import com.aiagents.platform.common.tracing.PlatformTracing;
import com.aiagents.platform.tenant.cli.CreateAdminCommand;
import com.aiagents.platform.tenant.cli.DbCommand;
import com.aiagents.platform.tenant.cli.SigningKeyCommand;
import com.aiagents.platform.tenant.core.AccessTokens;
import com.aiagents.platform.tenant.core.LiveSessions;
import com.aiagents.platform.tenant.core.OidcProvider;
import com.aiagents.platform.tenant.core.OidcSettings;
import com.aiagents.platform.tenant.core.OidcSignIn;
import com.aiagents.platform.tenant.core.Passwords;
import com.aiagents.platform.tenant.core.PeopleSettings;
import com.aiagents.platform.tenant.core.SignIn;
import com.aiagents.platform.tenant.core.SignInLinks;
import com.aiagents.platform.tenant.core.SigningKeys;
import com.aiagents.platform.tenant.core.Users;
import com.aiagents.platform.tenant.db.OidcAccounts;
import com.aiagents.platform.tenant.db.SessionRepository;
import com.aiagents.platform.tenant.db.SignInFailures;
import com.aiagents.platform.tenant.db.SignInLinkRepository;
import com.aiagents.platform.tenant.db.UserRepository;
import com.aiagents.platform.tenant.resources.AuthResource;
import com.aiagents.platform.tenant.resources.SignInLinkResource;
import com.aiagents.platform.tenant.resources.InternalSessionResource;
import com.aiagents.platform.tenant.resources.JwksResource;
import com.aiagents.platform.tenant.resources.OidcResource;
import com.aiagents.platform.tenant.resources.UserResource;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.aiagents.platform.sdp.net.SdpUrlCheck;
import com.aiagents.platform.tenant.core.PromptBundles;
import com.aiagents.platform.tenant.core.SecretReencryption;
import com.aiagents.platform.tenant.core.ServiceAuditEntries;
import com.aiagents.platform.tenant.core.ServicedeskAddressRules;
import com.aiagents.platform.tenant.core.TenantLifecycle;
import com.aiagents.platform.tenant.core.TenantRegistry;
import com.aiagents.platform.tenant.core.TenantSecrets;
import com.aiagents.platform.tenant.core.WelcomeEmails;
import com.aiagents.platform.tenant.db.AuditLog;
import com.aiagents.platform.tenant.db.GateRunQueries;
import com.aiagents.platform.tenant.db.TenantRepository;
import com.aiagents.platform.tenant.resources.AdminResource;
import com.aiagents.platform.tenant.resources.GlobalPromptBundleResource;
import com.aiagents.platform.tenant.resources.InternalAuditResource;
import com.aiagents.platform.tenant.resources.InternalErasureResource;
import com.aiagents.platform.tenant.resources.InternalTenantResource;
import com.aiagents.platform.tenant.resources.TenantPromptBundleResource;
import com.aiagents.platform.tenant.resources.TenantResource;
import com.aiagents.platform.tenant.resources.WelcomeEmailResource;
import com.aiagents.platform.tenant.resources.WelcomeRevealResource;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;

/** tenant-service: the tenant registry (system of record), credentials vault and schema owner. */
public class TenantServiceApplication extends Application<TenantServiceConfiguration> {

    public static void main(String[] args) throws Exception {
        CommandLines.run(new TenantServiceApplication(), args);
    }

    @Override
    public String getName() {
        return "tenant-service";
    }

    @Override
    public void initialize(Bootstrap<TenantServiceConfiguration> bootstrap) {
        PlatformConfigs.initialize(bootstrap);
        bootstrap.addCommand(new DbCommand());
        bootstrap.addCommand(new CreateAdminCommand());
        bootstrap.addCommand(new SigningKeyCommand());
    }

    @Override
    public void run(TenantServiceConfiguration config, Environment environment) {
        JsonErrors.register(environment);
        OpenApiResource.register(environment, getName());
        // fails fast on an unusable AUTH_SIGNING_KEYS, before anything else starts
        SigningKeys keys = SigningKeys.from(config.getAuth().signingKeysJson());
        PrometheusMetrics metrics = PrometheusMetrics.install(environment);
        PlatformTracing.install(environment, config.getTracing(), getName());

        var json = environment.getObjectMapper();
        TenantDatabase database = TenantDatabase.build(environment, config.getDatabase());
        SessionRepository sessions = new SessionRepository();
        // people's tokens: the shared verifier, with this service's own published keys and sessions in-process
        PlatformAuth.registerIssuer(environment, config.getAuth(), keys.publicSet(), new LiveSessions(database, sessions));
        TenantRepository repository = new TenantRepository();
        AuditLog audit = new AuditLog(json);
        TenantSecrets secrets = new TenantSecrets(new SecretCipher(config.getEncryption().toKeys()), json);
        TenantRegistry registry = new TenantRegistry(database, repository, audit, secrets, json,
                config.getRegistry(), new ServicedeskAddressRules(config.getSdp().isAllowPrivateNetworks(), SdpUrlCheck.SYSTEM),
                Clock.systemUTC());
        TenantLifecycle lifecycle = new TenantLifecycle(database, repository, new GateRunQueries(), audit, registry,
                config.getRegistry(), sessions);

        environment.jersey().register(new TenantResource(registry, lifecycle));
        environment.jersey().register(new InternalTenantResource(registry));
        PromptBundles bundles = new PromptBundles(database, repository, audit, json);
        environment.jersey().register(new GlobalPromptBundleResource(bundles));
        environment.jersey().register(new TenantPromptBundleResource(bundles));
        environment.jersey().register(new InternalAuditResource(new ServiceAuditEntries(database, audit, json)));
        environment.jersey().register(new com.aiagents.platform.tenant.resources.AuditResource(database,
                new com.aiagents.platform.tenant.db.AuditQueries(json)));
        environment.jersey().register(new InternalErasureResource(lifecycle));
        WelcomeEmails welcome = new WelcomeEmails(database, repository, audit, secrets, json, config.getRegistry(),
                config.getWelcome(), environment.lifecycle().executorService("welcome-mail-%d")
                        .minThreads(1).maxThreads(1).workQueue(new java.util.concurrent.LinkedBlockingQueue<>(1000))
                        .build(), Clock.systemUTC());
        environment.jersey().register(new WelcomeEmailResource(welcome));
        environment.jersey().register(new WelcomeRevealResource(welcome));
        environment.jersey().register(new AdminResource(new SecretReencryption(database, repository, secrets, audit)));
        registerPeople(config, environment, database, audit, keys, sessions);
        PlatformHealth.install(environment, config.getHealthFactory(), metrics.registry());
    }

    /** People: sign-in, sessions, accounts, the published keys and the revocation feed (docs/people-and-access.md). */
    private void registerPeople(TenantServiceConfiguration config, Environment environment, TenantDatabase database,
                                AuditLog audit, SigningKeys keys, SessionRepository sessions) {
        PeopleSettings settings = config.getAuth();
        if (settings.getAccessTokenTtl().toMilliseconds() > settings.getUsers().getMaxTokenLifetime().toMilliseconds()) {
            throw new IllegalArgumentException("auth.accessTokenTtl (AUTH_ACCESS_TOKEN_TTL) is longer than auth.users.maxTokenLifetime:"
                    + " every service, this one included, would refuse the tokens it issues");
        }
        AccessTokens tokens = new AccessTokens(keys, settings.getUsers().getIssuer(), settings.getAccessTokenTtl().toJavaDuration(),
                Clock.systemUTC());
        Passwords passwords = new Passwords();
        UserRepository userRows = new UserRepository();
        SignIn signIn = new SignIn(database, userRows, sessions, new SignInFailures(), passwords, tokens, settings.getSignIn());
        environment.jersey().register(new AuthResource(signIn));
        environment.jersey().register(new SignInLinkResource(new SignInLinks(database, userRows, new SignInLinkRepository(),
                audit, signIn, settings.getSignInLinkTtl().toJavaDuration())));
        registerOidc(settings, environment, database, audit, userRows, sessions, signIn);
        environment.jersey().register(new UserResource(new Users(database, userRows, sessions, passwords, audit)));
        environment.jersey().register(new JwksResource(keys));
        environment.jersey().register(new InternalSessionResource(database, sessions));
    }

    /** Signing in with an OpenID Connect provider (auth.oidc); fails the start on an unusable configuration. */
    private static void registerOidc(PeopleSettings settings, Environment environment, TenantDatabase database, AuditLog audit,
                                     UserRepository userRows, SessionRepository sessions, SignIn signIn) {
        OidcSettings oidc = settings.getOidc();
        OidcSignIn oidcSignIn = new OidcSignIn(oidc, new OidcProvider(oidc, environment.getObjectMapper(), Clock.systemUTC()),
                database, userRows, new OidcAccounts(), sessions, audit, signIn);
        environment.jersey().register(new OidcResource(oidcSignIn));
    }

    /** The accounts service as the create-admin command uses it, outside a running server. */
    public static Users users(TenantDatabase database, ObjectMapper json) {
        return new Users(database, new UserRepository(), new SessionRepository(), new Passwords(), new AuditLog(json));
    }
}
