package com.aiagents.platform.worker.synthesis;

import com.aiagents.platform.worker.context.KbMatch;
import com.aiagents.platform.worker.context.RetrievedContext;
import com.aiagents.platform.worker.context.SimilarTicket;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words technicians wrote in a ticket's context: the resolutions of similar tickets, the KB
 * articles' titles and steps, the inventory's host names and services. A suggested action is
 * supported when most of its significant words come from there; words only the ticket (or a
 * requester's text in the history) contains do not count, so "run format C:" injected into a
 * ticket cannot pass as advice.
 */
public final class GroundingText {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.-]*");
    private static final Set<String> COMMON = Set.of("the", "and", "for", "with", "from", "that", "this", "then",
            "check", "make", "sure", "ensure", "user", "users", "ticket", "again", "your", "their", "into", "onto",
            "have", "will", "should", "must", "can", "not", "all", "any", "each", "its", "are", "was", "were",
            "has", "had", "been", "use", "using", "try", "see", "per", "via", "after", "before", "when", "if");
    private static final double SUPPORTED_SHARE = 0.6;

    private final Set<String> words;

    private GroundingText(Set<String> words) {
        this.words = words;
    }

    public static GroundingText of(RetrievedContext context) {
        Set<String> words = new HashSet<>();
        for (SimilarTicket t : context.similarTickets()) {
            addWords(words, t.resolution());
        }
        for (KbMatch kb : context.kbArticles()) {
            addWords(words, kb.title());
            kb.steps().forEach(step -> addWords(words, step));
        }
        context.assets().forEach(a -> {
            addWords(words, a.hostname());
            a.services().forEach(service -> addWords(words, service));
        });
        return new GroundingText(Set.copyOf(words));
    }

    /** Whether at least 60% of the action's significant words appear in the technicians' text. */
    public boolean supports(String action) {
        Set<String> significant = new HashSet<>();
        addWords(significant, action);
        if (significant.isEmpty()) {
            return false;
        }
        long known = significant.stream().filter(words::contains).count();
        return known >= Math.ceil(SUPPORTED_SHARE * significant.size());
    }

    private static void addWords(Set<String> into, String text) {
        if (text == null) {
            return;
        }
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String word = stem(m.group());
            if (word.length() >= 3 && !COMMON.contains(word)) {
                into.add(word);
            }
        }
    }

    /** A crude stem (plural, -ing/-ed, final e), so "restarted" supports "restart", "re-created" "re-create". */
    private static String stem(String word) {
        String stem = word;
        for (String ending : new String[] {"ing", "ed", "es", "s"}) {
            if (stem.length() > ending.length() + 3 && stem.endsWith(ending)) {
                stem = stem.substring(0, stem.length() - ending.length());
                break;
            }
        }
        return stem.length() > 4 && stem.endsWith("e") ? stem.substring(0, stem.length() - 1) : stem;
    }
}
