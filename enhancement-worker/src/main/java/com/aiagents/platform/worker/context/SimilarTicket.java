package com.aiagents.platform.worker.context;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A resolved ticket of the same tenant that resembles the current one.
 *
 * @param similarity share of the current ticket's search terms this ticket contains, 0..1
 * @param rank       PostgreSQL's ts_rank, or with hybrid retrieval the fused score, rounded to 6
 *                   decimals (for stable hashes)
 * @param meaning    cosine of the two tickets' sentence embeddings (4 decimals); 0 when not known
 *                   (full-text retrieval only, or the ticket not embedded yet)
 */
public record SimilarTicket(
        @JsonProperty("ticket_id") String ticketId,
        @JsonProperty("subject") String subject,
        @JsonProperty("resolution") String resolution,
        @JsonProperty("category") String category,
        @JsonProperty("matched_terms") List<String> matchedTerms,
        @JsonProperty("similarity") double similarity,
        @JsonProperty("rank") double rank,
        @JsonProperty("meaning") double meaning) {

    public SimilarTicket(String ticketId, String subject, String resolution, String category, List<String> matchedTerms,
                         double similarity, double rank) {
        this(ticketId, subject, resolution, category, matchedTerms, similarity, rank, 0.0);
    }

    SimilarTicket ranked(double fusedRank, double cosine) {
        return new SimilarTicket(ticketId, subject, resolution, category, matchedTerms, similarity, fusedRank, cosine);
    }

    /** How close the ticket is, by whichever measure says more: shared terms or meaning. */
    public double closeness() {
        return Math.max(similarity, meaning);
    }

    /**
     * Whether a reader learns nothing new from {@code other} after this one: the same resolution
     * and mostly the same subject (at least half their words shared), ignoring case, digits and
     * punctuation (letters of any script count; a text without any is never a copy), so "Outlook
     * cannot connect to Exchange (exch-01)" is a copy of "Outlook cannot connect to Exchange"
     * resolved alike, while two problems fixed by the same "Restarted the service" are not.
     */
    public boolean nearlySame(SimilarTicket other) {
        java.util.Set<String> a = words(subject);
        java.util.Set<String> b = words(other.subject);
        if (a.isEmpty() || b.isEmpty() || words(resolution).isEmpty() || !words(resolution).equals(words(other.resolution))) {
            return false;
        }
        java.util.Set<String> shared = new java.util.HashSet<>(a);
        shared.retainAll(b);
        a.addAll(b);
        return 2 * shared.size() >= a.size();
    }

    private static java.util.Set<String> words(String text) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        if (text != null) {
            for (String w : text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}]+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    /**
     * The first {@code limit} of {@code ranked} that are not copies of one ranked before them: a
     * history seeded or imported twice, or one incident's tickets resolved alike, would otherwise
     * fill the list with one ticket. Callers ask for more candidates than they show, so the list
     * is refilled from further down.
     */
    public static java.util.List<SimilarTicket> distinct(java.util.List<SimilarTicket> ranked, int limit) {
        java.util.List<SimilarTicket> out = new java.util.ArrayList<>();
        for (SimilarTicket t : ranked) {
            if (out.size() < limit && out.stream().noneMatch(shown -> shown.nearlySame(t))) {
                out.add(t);
            }
        }
        return out;
    }

    /** True when meaning, not shared words, is what makes this ticket close. */
    public boolean foundByMeaning() {
        return meaning > similarity;
    }
}
