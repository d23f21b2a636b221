package com.aiagents.platform.worker.bench;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.TenantDatabase;

/** Bulk ticket history for the benchmark, generated in SQL with generate_series (about 100k rows/s). */
final class BenchmarkData {
    static final String TOPICS = "ARRAY['VPN disconnects every few minutes','Outlook cannot connect to Exchange',"
            + "'Printer prints blank pages','Password reset required','Disk space low on server',"
            + "'Laptop will not boot after update','Wi-Fi drops in meeting room','Teams calls have no audio',"
            + "'Shared drive not mapped at login','SAP login fails with certificate error','Database backup job failed',"
            + "'Website returns 502 bad gateway','Citrix session freezes','MFA prompt never arrives',"
            + "'Excel crashes when opening macros','Scanner cannot send to email','CPU at 100 percent on host',"
            + "'Certificate expired on load balancer','Antivirus blocks installer','Slow network on floor 3']";
    static final String DETAILS = "ARRAY['since this morning','after the last patch','for several users',"
            + "'only on the second site','intermittently','when on battery','after a password change',"
            + "'during the nightly window','since the migration','with error 0x80070005']";
    static final String RESOLUTIONS = "ARRAY['Raised the idle timeout on the concentrator and updated the client',"
            + "'Recreated the Outlook profile and cleared cached credentials','Replaced the toner and ran a cleaning cycle',"
            + "'Reset the password and re-enrolled MFA','Extended the volume and rotated old logs',"
            + "'Rolled back the driver update in safe mode','Moved the access point channel to 36',"
            + "'Reinstalled the audio driver and reset Teams cache','Fixed the GPO drive mapping',"
            + "'Imported the new root certificate','Freed space on the backup target and reran the job',"
            + "'Restarted the upstream pool and fixed the health check','Increased session host memory',"
            + "'Re-registered the authenticator app','Disabled the faulty add-in','Updated the SMTP relay credentials',"
            + "'Killed the runaway process and patched the agent','Renewed and deployed the certificate',"
            + "'Whitelisted the installer hash','Replaced the faulty switch port']";

    private BenchmarkData() {
    }

    /** Inserts {@code rows} resolved tickets for the tenant (inside its RLS context). */
    static int generate(TenantDatabase database, TenantId tenant, int rows) {
        return generate(database, tenant, rows, "NULL");
    }

    /**
     * The same with each row's {@code embedding} and {@code embedded_at} written by the same insert
     * ({@code embedding}: an SQL expression of {@code g}, the row number): an UPDATE afterwards
     * would write every row twice.
     */
    static int generate(TenantDatabase database, TenantId tenant, int rows, String embedding) {
        return generate(database, tenant, rows, embedding, "now()");
    }

    /** The same with {@code embeddedAt} (an SQL expression) as every row's {@code embedded_at}. */
    static int generate(TenantDatabase database, TenantId tenant, int rows, String embedding, String embeddedAt) {
        return database.inTenant(tenant, h -> h.createUpdate(
                "INSERT INTO ticket_history (tenant_id, ticket_id, subject, description, resolution, category, priority, "
                        + "status, source, resolved_at, embedding, embedded_at) "
                        + "SELECT current_setting('app.current_tenant_id', true), 'H-' || g, "
                        + "(" + TOPICS + ")[1 + (g * 7) % 20] || ' on srv-' || (g % 500), "
                        + "(" + TOPICS + ")[1 + (g * 7) % 20] || ' ' || (" + DETAILS + ")[1 + (g * 13) % 10] "
                        + "|| '. Host srv-' || (g % 500) || ' at 10.' || (g % 250) || '.' || (g % 200) || '.' || (g % 100), "
                        + "(" + RESOLUTIONS + ")[1 + (g * 7 + g / 1000) % 20], "
                        + "'IT', 'Medium', 'Resolved', 'seed', now() - (g || ' minutes')::interval, "
                        + embedding + ", " + ("NULL".equals(embedding) ? "NULL" : embeddedAt) + " "
                        + "FROM generate_series(1, :rows) g ON CONFLICT DO NOTHING")
                .bind("rows", rows).execute());
    }
}
