package com.aiagents.platform.worker.core;

import com.aiagents.platform.worker.context.TicketText;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The fixed synthetic tickets of the determinism probe, tried after the tenant's own resolved
 * tickets (a tenant with only KB articles has none); the seed picks the order (same seed, same ticket).
 */
final class SyntheticTicket {
    private static final List<String[]> TICKETS = List.of(
            new String[] {"VPN disconnects every few minutes",
                "Since this morning the VPN client drops the connection every 5 minutes on laptop lt-0423. "
                        + "Reconnecting works for a while. Other users on the same site are affected."},
            new String[] {"Outlook cannot connect to Exchange",
                "Outlook shows 'Trying to connect' and never syncs. Webmail works. Mail server mail-01 was patched last night."},
            new String[] {"Printer on floor 3 prints blank pages",
                "The HP printer prn-3f-01 at 10.20.3.15 prints blank pages after the toner was replaced."},
            new String[] {"Database backup job failed",
                "The nightly backup of postgresql on db-02 failed with 'no space left on device'."});

    private SyntheticTicket() {
    }

    static TicketText forSeed(long seed) {
        return all(seed).get(0);
    }

    /** Every synthetic ticket, the seed's own first. */
    static List<TicketText> all(long seed) {
        int first = new Random(seed).nextInt(TICKETS.size());
        List<TicketText> tickets = new ArrayList<>();
        for (int i = 0; i < TICKETS.size(); i++) {
            String[] t = TICKETS.get((first + i) % TICKETS.size());
            tickets.add(new TicketText("probe-" + seed + (i == 0 ? "" : "-" + i), t[0], t[1], "Medium", "Open"));
        }
        return tickets;
    }
}
