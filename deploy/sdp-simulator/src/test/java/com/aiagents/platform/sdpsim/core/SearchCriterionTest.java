package com.aiagents.platform.sdpsim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchCriterionTest {

    private static final Instant OPENED = Instant.parse("2025-03-01T09:00:00Z");
    private static final StoredRequest VPN = new StoredRequest("1", "1", "VPN drops", "<p>x</p>", "Resolved", "High",
            new Requester("Jane", "jane@acme.example"), "Sam", "Network", OPENED, OPENED, OPENED.plusSeconds(3600), null,
            "Contoso", "Main");

    @Test
    void timeFieldsCompareEpochMillis() {
        long opened = OPENED.toEpochMilli();

        assertThat(criterion("created_time", "greater than", opened - 1).matches(VPN)).isTrue();
        assertThat(criterion("created_time", "greater than", opened).matches(VPN)).isFalse();
        assertThat(criterion("created_time", "greater or equal", opened).matches(VPN)).isTrue();
        assertThat(criterion("resolved_time", "lesser than", opened + 3_600_001).matches(VPN)).isTrue();
        assertThat(criterion("last_updated_time", "less than", opened).matches(VPN)).isFalse();
    }

    @Test
    void negativeTextConditionsExcludeEveryValue() {
        assertThat(new SearchCriterion("status.name", "is not", List.of("Open", "Closed"), false).matches(VPN)).isTrue();
        assertThat(new SearchCriterion("status.name", "is not", List.of("resolved"), false).matches(VPN)).isFalse();
        assertThat(new SearchCriterion("subject", "not contains", List.of("printer"), false).matches(VPN)).isTrue();
        assertThat(new SearchCriterion("requester.email_id", "ends with", List.of("@ACME.example"), false).matches(VPN)).isTrue();
    }

    @Test
    void refusesWhatItCannotEvaluate() {
        assertThatThrownBy(() -> new SearchCriterion("udf_fields.x", "is", List.of("1"), false))
                .hasMessageContaining("not supported");
        assertThatThrownBy(() -> new SearchCriterion("subject", "greater than", List.of("a"), false))
                .hasMessageContaining("condition 'greater than'");
        assertThatThrownBy(() -> new SearchCriterion("created_time", "greater than", List.of("yesterday"), false))
                .hasMessageContaining("epoch milliseconds");
        assertThatThrownBy(() -> new SearchCriterion("subject", "is", List.of(), false)).hasMessageContaining("no value");
    }

    private static SearchCriterion criterion(String field, String condition, long millis) {
        return new SearchCriterion(field, condition, List.of(Long.toString(millis)), false);
    }
}
