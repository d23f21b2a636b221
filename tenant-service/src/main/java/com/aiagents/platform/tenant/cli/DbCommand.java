package com.aiagents.platform.tenant.cli;

import com.aiagents.platform.schema.SchemaMigrator;
import com.aiagents.platform.tenant.TenantServiceConfiguration;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code java -jar tenant-service.jar db migrate config.yml}: runs the schema migrations as
 * DATABASE_MIGRATION_USER, then creates (if missing) and grants each service's own role
 * (TENANT_SERVICE_DATABASE_USER, ENHANCEMENT_WORKER_DATABASE_USER, GATES_RUNNER_DATABASE_USER,
 * PROVISIONING_SERVICE_DATABASE_USER) exactly what that service needs.
 */
public class DbCommand extends ConfiguredCommand<TenantServiceConfiguration> {

    public DbCommand() {
        super("db", "Database schema management (db migrate <config.yml>)");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("migrate").help("migrate: bring the schema to the current version");
        super.configure(subparser);
    }

    @Override
    protected void run(Bootstrap<TenantServiceConfiguration> bootstrap, Namespace namespace,
                       TenantServiceConfiguration configuration) {
        new SchemaMigrator(configuration.getMigration().settings(configuration.getDatabase().getUrl())).migrate();
    }
}
