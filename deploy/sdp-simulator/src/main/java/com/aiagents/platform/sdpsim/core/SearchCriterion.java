package com.aiagents.platform.sdpsim.core;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One {@code search_criteria} entry. Text fields compare case-insensitively; time fields take
 * epoch milliseconds. Criteria combine left to right with their {@code logical_operator}.
 *
 * @param or true when joined to the previous criteria with OR (AND otherwise)
 */
public record SearchCriterion(String field, String condition, List<String> values, boolean or) {

    private static final Map<String, Function<StoredRequest, String>> TEXT_FIELDS = Map.ofEntries(
            Map.entry("subject", StoredRequest::subject),
            Map.entry("description", StoredRequest::description),
            Map.entry("status.name", StoredRequest::status),
            Map.entry("priority.name", StoredRequest::priority),
            Map.entry("requester.name", r -> r.requester().name()),
            Map.entry("requester.email_id", r -> r.requester().email()),
            Map.entry("technician.name", StoredRequest::technician),
            Map.entry("category.name", StoredRequest::category),
            Map.entry("id", StoredRequest::id),
            Map.entry("display_id", StoredRequest::displayId),
            // MSP edition: SDP narrows lists to one customer account or site
            Map.entry("account.name", StoredRequest::account),
            Map.entry("site.name", StoredRequest::site));

    private static final Map<String, Function<StoredRequest, Instant>> TIME_FIELDS = Map.of(
            "created_time", StoredRequest::createdAt,
            "last_updated_time", StoredRequest::updatedAt,
            "resolved_time", StoredRequest::resolvedAt);

    private static final Set<String> TEXT_CONDITIONS =
            Set.of("is", "is not", "contains", "not contains", "starts with", "ends with");
    private static final Set<String> TIME_CONDITIONS =
            Set.of("is", "greater than", "greater or equal", "less than", "lesser than", "less or equal", "lesser or equal");

    /** Validates the field, condition and values; the message says what is wrong. */
    public SearchCriterion {
        condition = condition == null ? "" : condition.trim().toLowerCase(Locale.ROOT);
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("search criterion on '" + field + "' has no value");
        }
        if (TEXT_FIELDS.containsKey(field)) {
            if (!TEXT_CONDITIONS.contains(condition)) {
                throw new IllegalArgumentException("condition '" + condition + "' is not supported on " + field
                        + "; use one of " + TEXT_CONDITIONS);
            }
        } else if (TIME_FIELDS.containsKey(field)) {
            if (!TIME_CONDITIONS.contains(condition)) {
                throw new IllegalArgumentException("condition '" + condition + "' is not supported on " + field
                        + "; use one of " + TIME_CONDITIONS);
            }
            values.forEach(SearchCriterion::epochMillis);
        } else {
            throw new IllegalArgumentException("searching on '" + field + "' is not supported; use one of "
                    + TEXT_FIELDS.keySet() + " or " + TIME_FIELDS.keySet());
        }
    }

    static boolean matchAll(List<SearchCriterion> criteria, StoredRequest request) {
        boolean result = true;
        for (int i = 0; i < criteria.size(); i++) {
            SearchCriterion c = criteria.get(i);
            boolean hit = c.matches(request);
            result = i == 0 ? hit : (c.or ? result || hit : result && hit);
        }
        return result;
    }

    public boolean matches(StoredRequest request) {
        if (TIME_FIELDS.containsKey(field)) {
            Instant actual = TIME_FIELDS.get(field).apply(request);
            return actual != null && values.stream().anyMatch(v -> compareTime(actual.toEpochMilli(), epochMillis(v)));
        }
        String actual = TEXT_FIELDS.get(field).apply(request);
        String text = actual == null ? "" : actual.toLowerCase(Locale.ROOT);
        List<String> wanted = values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
        switch (condition) {
            case "is not":
                return wanted.stream().noneMatch(text::equals);
            case "not contains":
                return wanted.stream().noneMatch(text::contains);
            case "contains":
                return wanted.stream().anyMatch(text::contains);
            case "starts with":
                return wanted.stream().anyMatch(text::startsWith);
            case "ends with":
                return wanted.stream().anyMatch(text::endsWith);
            default:
                return wanted.stream().anyMatch(text::equals);
        }
    }

    private boolean compareTime(long actual, long value) {
        switch (condition) {
            case "greater than":
                return actual > value;
            case "greater or equal":
                return actual >= value;
            case "less than":
            case "lesser than":
                return actual < value;
            case "less or equal":
            case "lesser or equal":
                return actual <= value;
            default:
                return actual == value;
        }
    }

    private static long epochMillis(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("time values are epoch milliseconds, got '" + value + "'");
        }
    }
}
