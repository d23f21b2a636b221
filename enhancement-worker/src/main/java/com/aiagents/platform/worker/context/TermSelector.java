package com.aiagents.platform.worker.context;

import java.util.Comparator;
import java.util.List;

/**
 * Picks the most informative lexemes of a ticket, deterministically. PostgreSQL has already
 * dropped stop words and stemmed; helpdesk filler ("issue", "please", "help") is excluded in SQL.
 * A term scores for appearing in the subject, for repeating, for length, and for looking like an
 * identifier (digits, dots, hyphens: host names, error codes, versions), which are the terms that
 * tell one ticket from another. Ties break on first position, then text, so equal input gives an
 * equal selection.
 */
public final class TermSelector {
    private final int maxTerms;

    public TermSelector(int maxTerms) {
        this.maxTerms = maxTerms;
    }

    public List<String> select(List<Lexeme> lexemes) {
        return lexemes.stream()
                .filter(l -> l.text().length() >= 2 && l.text().length() <= 60)
                .sorted(Comparator.comparingInt(TermSelector::score).reversed()
                        .thenComparingInt(Lexeme::firstPosition)
                        .thenComparing(Lexeme::text))
                .limit(maxTerms)
                .map(Lexeme::text)
                .toList();
    }

    static int score(Lexeme l) {
        int score = 0;
        if (l.inSubject()) {
            score += 4;
        }
        score += Math.min(3, l.occurrences());
        if (l.text().length() >= 6) {
            score += 1;
        }
        if (l.text().chars().anyMatch(c -> Character.isDigit(c) || c == '.' || c == '-' || c == '_')) {
            score += 2;
        }
        if (l.text().chars().allMatch(Character::isDigit)) {
            score -= 3; // bare numbers (counts, minutes) rarely identify a problem
        }
        return score;
    }
}
