package com.aiagents.platform.worker.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PersonalDataMaskTest {

    @Test
    void masksEmailsPhonesAndTheRequesterWithStablePlaceholdersAndRestoresThem() {
        PersonalDataMask mask = PersonalDataMask.of(List.of("Dana Whitfield"), List.of(), false);
        String text = "Dana Whitfield (dana.whitfield@acme.example, +44 20 7946 0958) says Dana cannot log in;"
                + " DANA.WHITFIELD@acme.example wrote again. Call (555) 010-2233 or +1 555 010 2233.";

        String masked = mask.mask(text);

        assertThat(masked).doesNotContain("Dana", "Whitfield", "acme.example", "7946", "010-2233", "555 010");
        assertThat(masked).startsWith("[PERSON_1] ([EMAIL_1], [PHONE_1]) says [PERSON_2] cannot log in; [EMAIL_1] wrote");
        assertThat(mask.restore("Ask [PERSON_1] at [EMAIL_1] or [PHONE_1]; [PERSON_9] is unknown"))
                .isEqualTo("Ask Dana Whitfield at dana.whitfield@acme.example or +44 20 7946 0958; [PERSON_9] is unknown");
        assertThat(mask.counts()).containsEntry("EMAIL", 1).containsEntry("PERSON", 2).containsEntry("PHONE", 3);
    }

    @Test
    void ticketIdsDatesVersionsAndAddressesStayUnlessInfrastructureIsMasked() {
        String text = "Ticket 100000000000012345 since 2026-12-04, client 17.0.15, KB-1001; host ws-0042.acme.local"
                + " at 10.20.30.40 and fe80::1:2:3, server exch01 since 10:30:00";
        PersonalDataMask personalOnly = PersonalDataMask.of(List.of(), List.of("exch01"), false);
        assertThat(personalOnly.mask(text)).isEqualTo(text);

        PersonalDataMask infrastructure = PersonalDataMask.of(List.of(), List.of("exch01"), true);
        String masked = infrastructure.mask(text);
        assertThat(masked).contains("100000000000012345", "2026-12-04", "17.0.15", "KB-1001", "10:30:00")
                .doesNotContain("ws-0042", "10.20.30.40", "fe80::1:2:3", "exch01");
        assertThat(infrastructure.restore(masked)).isEqualTo(text);
    }

    @Test
    void shortNamePartsAndEmptyInputsAreLeftAlone() {
        PersonalDataMask mask = PersonalDataMask.of(java.util.Arrays.asList("Al Li", null, " "), List.of(), false);
        assertThat(mask.mask("Al Li reports that all links fail")).isEqualTo("[PERSON_1] reports that all links fail");
        assertThat(mask.mask("")).isEmpty();
        assertThat(mask.mask(null)).isNull();
    }
}
