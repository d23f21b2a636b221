package com.aiagents.platform.localrun;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo tenant's history, knowledge base and inventory, so the first note has something real
 * to draw on. Written as the worker's own role inside the tenant's context (the same row-level
 * security the services live under); fixed seed, so every run seeds the same rows; re-running
 * adds nothing.
 */
final class DemoData {
    /** One kind of incident: how tickets about it read and how they were resolved. */
    private record Incident(String category, String subject, String description, String resolution, String host) {
    }

    private static final List<Incident> INCIDENTS = List.of(
            new Incident("Email", "Outlook cannot connect to Exchange",
                    "Outlook shows 'Trying to connect' and mail stays in the outbox since this morning.",
                    "Exchange transport service on exch-01 had stopped after patching; restarted MSExchangeTransport"
                            + " and confirmed mail flow. Set the service to automatic (delayed start).", "exch-01"),
            new Incident("Network", "VPN disconnects every few minutes",
                    "Remote users lose the VPN tunnel every 5-10 minutes; reconnecting works briefly.",
                    "Firewall fw-edge-01 DPD timeout too short after firmware upgrade; set dead-peer detection to"
                            + " 30 s / 5 retries and re-pushed the VPN profile.", "fw-edge-01"),
            new Incident("Hardware", "Printer on floor 3 not printing",
                    "Jobs sit in the queue for PRN-FL3-01; the printer display shows ready.",
                    "Print spooler on print-01 hung on a corrupt job; cleared the queue, restarted the spooler.",
                    "print-01"),
            new Incident("Storage", "File share very slow",
                    "Opening files on the S: drive takes a minute; saving sometimes fails.",
                    "Volume D: on fs-01 was 98% full, VSS snapshots grew; pruned old snapshots and extended the"
                            + " volume by 200 GB.", "fs-01"),
            new Incident("Access", "Password reset link does not arrive",
                    "The self-service password reset e-mail never reaches the user.",
                    "SMTP relay smtp-01 rejected the sender after an SPF change; added the portal's address to the"
                            + " relay allow-list.", "smtp-01"),
            new Incident("Database", "ERP reports time out",
                    "Month-end reports in the ERP time out after 60 seconds.",
                    "Missing index on sql-01 after the ERP upgrade; rebuilt statistics and recreated the"
                            + " invoice_date index.", "sql-01"),
            new Incident("Backup", "Nightly backup job failed",
                    "Backup report shows the nightly job for the file servers failed with a VSS error.",
                    "VSS writer on fs-01 in a failed state; restarted the Volume Shadow Copy service and re-ran"
                            + " the job.", "fs-01"),
            new Incident("Security", "Certificate expired on intranet",
                    "Browsers warn that the intranet certificate is not valid.",
                    "TLS certificate on web-01 had expired; renewed it from the internal CA and enabled"
                            + " auto-renewal.", "web-01"),
            new Incident("Email", "Shared mailbox missing in Outlook",
                    "The support shared mailbox disappeared from Outlook for the whole team.",
                    "Auto-mapping removed by a permissions change on exch-01; re-granted FullAccess with"
                            + " auto-mapping.", "exch-01"),
            new Incident("Network", "Wi-Fi drops in meeting rooms",
                    "Laptops lose Wi-Fi in meeting rooms B and C during calls.",
                    "Access point ap-b-02 on an old firmware with a roaming bug; upgraded and set minimum RSSI.",
                    "ap-b-02"));

    private static final String[][] KB = {
        {"KB-001", "Restarting the Exchange transport service",
            "When mail stays in outboxes, check MSExchangeTransport on exch-01. Restart it, then run"
                + " Get-Queue to confirm the queues drain.", "email,exchange,outlook"},
        {"KB-002", "VPN drops after firewall upgrades",
            "Dead-peer detection defaults change with firmware upgrades on fw-edge-01. Set DPD to 30 s and"
                + " 5 retries.", "vpn,network,firewall"},
        {"KB-003", "Clearing a stuck print queue",
            "Stop the spooler on print-01, delete the files in the spool folder, start the spooler.", "printer"},
        {"KB-004", "File server disk space", "Check VSS snapshot storage first when fs-01 runs out of space.",
            "storage,fileserver"},
        {"KB-005", "SMTP relay allow-list", "Applications that send mail must be listed on smtp-01's relay.",
            "email,smtp"},
        {"KB-006", "Renewing internal certificates", "Request from the internal CA, bind in IIS on web-01.",
            "certificate,tls"},
        {"KB-007", "Outlook profile repair", "If only one user is affected, recreate the Outlook profile.",
            "email,outlook"},
        {"KB-008", "ERP report performance", "Rebuild statistics on sql-01 after every ERP upgrade.",
            "database,erp"}};

    private static final String[][] INVENTORY = {
        {"exch-01", "10.10.1.10", "exchange,smtp,owa", "server"},
        {"fw-edge-01", "10.10.0.1", "vpn,firewall", "network"},
        {"print-01", "10.10.1.30", "spooler", "server"},
        {"fs-01", "10.10.1.20", "smb,vss,backup-agent", "server"},
        {"smtp-01", "10.10.1.11", "smtp-relay", "server"},
        {"sql-01", "10.10.1.40", "mssql,erp-db", "server"},
        {"web-01", "10.10.1.50", "iis,intranet", "server"},
        {"ap-b-02", "10.10.2.22", "wifi", "network"}};

    private DemoData() {
    }

    /** The demo ticket: close to the seeded Exchange incidents, so the note can point at them. */
    static String demoSubject() {
        return "Outlook cannot connect to Exchange after this morning's patching";
    }

    static String demoDescription() {
        return "Since 08:00 the whole sales team sees 'Trying to connect' in Outlook and mail stays in the"
                + " outbox. Webmail on exch-01 also loads slowly.";
    }

    /** Inserts what is missing; answers the number of rows per table written by this call. */
    static Map<String, Integer> seed(String jdbcUrl, String user, String password, String tenantId, int tickets)
            throws SQLException {
        Map<String, Integer> written = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            c.setAutoCommit(false);
            try (PreparedStatement context = c.prepareStatement("SELECT set_tenant_context(?)")) {
                context.setString(1, tenantId);
                context.execute();
            }
            written.put("ticket_history", tickets(c, tenantId, tickets));
            written.put("kb_articles", kb(c, tenantId));
            written.put("system_inventory", inventory(c, tenantId));
            c.commit();
        }
        return written;
    }

    private static int tickets(Connection c, String tenantId, int count) throws SQLException {
        Random random = new Random(42);
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String[] priorities = {"Low", "Medium", "High", "Urgent"};
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO ticket_history (tenant_id, ticket_id, subject,"
                + " description, resolution, category, priority, status, source, resolved_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 'Resolved', 'seed', ?) ON CONFLICT DO NOTHING")) {
            for (int i = 0; i < count; i++) {
                Incident incident = INCIDENTS.get(random.nextInt(INCIDENTS.size()));
                insert.setString(1, tenantId);
                insert.setString(2, "SEED-" + (10001 + i));
                insert.setString(3, incident.subject() + (random.nextBoolean() ? "" : " (" + incident.host() + ")"));
                insert.setString(4, incident.description());
                insert.setString(5, incident.resolution());
                insert.setString(6, incident.category());
                insert.setString(7, priorities[random.nextInt(priorities.length)]);
                insert.setTimestamp(8, Timestamp.from(now.minus(1 + random.nextInt(24 * 365), ChronoUnit.HOURS)));
                insert.addBatch();
            }
            return sum(insert.executeBatch());
        }
    }

    private static int kb(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO kb_articles (tenant_id, article_id, title,"
                + " content, tags) VALUES (?, ?, ?, ?, string_to_array(?, ',')) ON CONFLICT DO NOTHING")) {
            for (String[] article : KB) {
                insert.setString(1, tenantId);
                for (int i = 0; i < article.length; i++) {
                    insert.setString(i + 2, article[i]);
                }
                insert.addBatch();
            }
            return sum(insert.executeBatch());
        }
    }

    private static int inventory(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO system_inventory (tenant_id, asset_id,"
                + " hostname, ip_address, services, kind, environment, status, owner)"
                + " VALUES (?, ?, ?, ?::inet, string_to_array(?, ','), ?, 'production', 'up', 'it-ops')"
                + " ON CONFLICT DO NOTHING")) {
            for (String[] host : INVENTORY) {
                insert.setString(1, tenantId);
                insert.setString(2, "asset-" + host[0]);
                insert.setString(3, host[0]);
                insert.setString(4, host[1]);
                insert.setString(5, host[2]);
                insert.setString(6, host[3]);
                insert.addBatch();
            }
            return sum(insert.executeBatch());
        }
    }

    private static int sum(int[] counts) {
        int total = 0;
        for (int count : counts) {
            total += Math.max(count, 0);
        }
        return total;
    }
}
