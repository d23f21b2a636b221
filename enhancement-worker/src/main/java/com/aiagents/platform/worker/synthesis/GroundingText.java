package com.aiagents.platform.worker.synthesis;

import com.aiagents.platform.worker.context.KbMatch;
import com.aiagents.platform.worker.context.RetrievedContext;
import com.aiagents.platform.worker.context.SimilarTicket;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words technicians wrote in a ticket's context: the resolutions of similar tickets, the KB
 * articles' titles and steps, the inventory's host names and services. A suggested action is
 * supported when every word of it comes from there, short ones too, except a few joining words
 * and harmless verbs ({@link #COMMON}); words only the ticket (or a requester's text in the
 * history) contains do not count, so neither "run format C:" injected into a ticket nor a grounded
 * step with "format the volume" or "rm -rf" appended can pass as advice. An LLM's paraphrase in
 * other words is refused too: the price of advice a technician wrote.
 */
public final class GroundingText {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.'\u2019-]*");
    /** Joining words and verbs that change nothing an action does (stemmed as {@link #stem} leaves them). */
    private static final Set<String> COMMON = Set.of("a", "an", "the", "and", "or", "to", "of", "on", "in", "at", "by",
            "as", "is", "it", "be", "so", "up", "for", "with", "from", "that", "this", "then", "them", "they",
            "check", "make", "sure", "ensure", "verify", "confirm", "user", "users", "ticket", "again", "your", "their",
            "into", "onto", "have", "will", "should", "must", "can", "all", "any", "each", "its", "are", "was",
            "were", "has", "had", "been", "use", "using", "try", "see", "per", "via", "after", "before", "when", "if",
            "whether", "still", "also", "first", "next", "requester", "ask", "affected", "issue", "problem");

    private final Set<String> words;
    private final PromptRules rules;
    private final UnaryOperator<String> unmask;

    private GroundingText(Set<String> words, PromptRules rules, UnaryOperator<String> unmask) {
        this.words = words;
        this.rules = rules;
        this.unmask = unmask;
    }

    /** The same, and no action the tenant's rules forbid ("never suggest rebooting domain controllers ..."). */
    public GroundingText forbidding(PromptRules tenantRules) {
        return new GroundingText(words, tenantRules, unmask);
    }

    /**
     * The same for a model that saw the context masked ({@code [HOST_1]} for a host name): an action
     * is judged with the personal data put back, as the technician will read it, so a step naming
     * a masked host or person is grounded, and a rule naming a host matches it.
     */
    public GroundingText unmasking(UnaryOperator<String> restore) {
        return new GroundingText(words, rules, restore);
    }

    public static GroundingText of(RetrievedContext context) {
        Set<String> words = new HashSet<>();
        for (SimilarTicket t : context.similarTickets()) {
            addWords(words, t.ticketId()); // an action may cite its source
            addWords(words, t.resolution());
        }
        for (KbMatch kb : context.kbArticles()) {
            addWords(words, "KB " + kb.articleId());
            addWords(words, kb.title());
            kb.steps().forEach(step -> addWords(words, step));
        }
        context.assets().forEach(a -> {
            addWords(words, a.hostname());
            a.services().forEach(service -> addWords(words, service));
        });
        return new GroundingText(Set.copyOf(words), PromptRules.NONE, UnaryOperator.identity());
    }

    /**
     * Whether every word of the action that is not {@link #COMMON} appears in the technicians' text,
     * and no rule of the tenant's forbids it.
     */
    public boolean supports(String action) {
        String readable = unmask.apply(action);
        Set<String> significant = new HashSet<>();
        addWords(significant, readable);
        return !significant.isEmpty() && words.containsAll(significant) && !rules.forbids(readable);
    }

    private static void addWords(Set<String> into, String text) {
        if (text == null) {
            return;
        }
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            // "user's" is "user", "re-created" "recreated" (and "exch-01" "exch01" on both sides)
            String word = stem(m.group().replaceAll("[._'\u2019-]+$", "").replaceAll("['\u2019]s$", "")
                    .replaceAll("['\u2019-]", ""));
            if (!word.isEmpty() && !COMMON.contains(word)) {
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
