package com.aiagents.platform.sdp.model;

import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code list_info.search_criteria}: {@code {"field","condition","values","logical_operator"}}.
 * The logical operator joins this criterion to the previous one and is ignored on the first.
 */
public record SdpSearchCriterion(String field, String condition, List<String> values, String logicalOperator) {

    public SdpSearchCriterion {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(condition, "condition");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a search criterion needs at least one value");
        }
        logicalOperator = logicalOperator == null ? "AND" : logicalOperator;
    }

    /** {@code field is any of values}, e.g. {@code is("status.name", "Resolved", "Closed")}. */
    public static SdpSearchCriterion is(String field, String... values) {
        return new SdpSearchCriterion(field, "is", List.of(values), "AND");
    }

    /** MSP edition: only requests of the customer account named {@code accountName}. */
    public static SdpSearchCriterion inAccount(String accountName) {
        return is("account.name", accountName);
    }

    public static SdpSearchCriterion contains(String field, String value) {
        return new SdpSearchCriterion(field, "contains", List.of(value), "AND");
    }

    /** For times: {@code value} is epoch milliseconds. */
    public static SdpSearchCriterion greaterThan(String field, long epochMillis) {
        return new SdpSearchCriterion(field, "greater than", List.of(Long.toString(epochMillis)), "AND");
    }

    /** For times: {@code value} is epoch milliseconds (SDP spells the condition "lesser than"). */
    public static SdpSearchCriterion lesserThan(String field, long epochMillis) {
        return new SdpSearchCriterion(field, "lesser than", List.of(Long.toString(epochMillis)), "AND");
    }

    public SdpSearchCriterion or() {
        return new SdpSearchCriterion(field, condition, values, "OR");
    }
}
