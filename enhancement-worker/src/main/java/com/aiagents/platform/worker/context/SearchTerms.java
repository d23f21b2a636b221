package com.aiagents.platform.worker.context;

import java.util.List;

/**
 * The ticket's most informative lexemes (already normalized by PostgreSQL's {@code english}
 * configuration), best first, and the two text-search queries built from them: {@code anyQuery}
 * matches tickets sharing any term, {@code strictQuery} those sharing the best few.
 */
public record SearchTerms(List<String> terms, String anyQuery, String strictQuery) {
    public SearchTerms {
        terms = List.copyOf(terms);
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    public static SearchTerms of(List<String> terms, int strictTerms) {
        String any = String.join(" | ", terms.stream().map(SearchTerms::literal).toList());
        String strict = String.join(" & ", terms.stream().limit(Math.max(1, strictTerms)).map(SearchTerms::literal).toList());
        return new SearchTerms(terms, any, strict);
    }

    /**
     * A lexeme as a tsquery literal: quoted, with quotes doubled and backslashes escaped, so no
     * input can change the query's structure (the query text is then bound as a parameter).
     */
    static String literal(String lexeme) {
        return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
