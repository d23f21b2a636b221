package com.aiagents.platform.worker.synthesis;

import com.aiagents.platform.worker.context.AssetMatch;
import com.aiagents.platform.worker.context.KbMatch;
import com.aiagents.platform.worker.context.RetrievedContext;
import com.aiagents.platform.worker.context.SimilarTicket;
import com.aiagents.platform.worker.context.TicketText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the note from the retrieved context alone: the likely cause from the closest resolved
 * ticket's resolution, suggested actions from KB steps and that resolution, the closest to the
 * ticket in meaning first (then the named hosts), related tickets once each (near-identical
 * tickets collapse into the best ranked) with a reason a person reads (the symptom and how it was resolved, never search terms), and a
 * confidence derived from similarity. A pure function of its inputs.
 */
public final class DeterministicSynthesizer {
    private static final int MAX_ACTIONS = 6;
    private static final int MAX_CAUSE = 400;

    public Synthesis synthesize(TicketText ticket, RetrievedContext context) {
        return synthesize(ticket, context, PromptRules.NONE);
    }

    /** As above, leaving out every action a rule of the tenant's composed prompt forbids ({@link PromptRules}). */
    public Synthesis synthesize(TicketText ticket, RetrievedContext context, PromptRules rules) {
        List<SimilarTicket> similar = context.similarTickets();
        return new Synthesis(likelyCause(similar, context.assets()), actions(context, rules), related(similar),
                confidence(similar, context.kbArticles()), Synthesis.DETERMINISTIC, null, null, null, null);
    }

    private static String likelyCause(List<SimilarTicket> similar, List<AssetMatch> assets) {
        if (!similar.isEmpty()) {
            SimilarTicket best = similar.get(0);
            return "The closest resolved ticket, " + best.ticketId() + " (\"" + clip(best.subject(), 120) + "\", "
                    + closeBy(best) + "), was resolved by: " + clip(best.resolution(), MAX_CAUSE);
        }
        if (!assets.isEmpty()) {
            AssetMatch a = assets.get(0);
            return "No similar resolved ticket was found; the ticket names " + a.hostname()
                    + (a.status() == null ? "" : " (status " + a.status() + ")") + ", which is the first place to look.";
        }
        return "No similar resolved ticket, knowledge-base article or known host was found for this ticket; "
                + "the cause cannot be inferred from this tenant's history yet.";
    }

    /** Why the ticket counts as closest, in the measure that found it. */
    private static String closeBy(SimilarTicket t) {
        return t.foundByMeaning()
                ? "alike in meaning: " + PromptAssembler.percent(t.meaning()) + "% by sentence embeddings"
                : PromptAssembler.percent(t.similarity()) + "% of this ticket's key terms";
    }

    /** An article's steps or the closest ticket's resolution, with its cosine with the ticket (0: not known). */
    private record ActionSource(double meaning, List<String> actions) {
    }

    private static List<String> actions(RetrievedContext context, PromptRules rules) {
        List<ActionSource> sources = new ArrayList<>();
        for (KbMatch kb : context.kbArticles()) {
            sources.add(new ActionSource(kb.meaning(), kb.steps().stream().map(step -> step + " (KB " + kb.articleId() + ")").toList()));
        }
        if (!context.similarTickets().isEmpty()) {
            SimilarTicket best = context.similarTickets().get(0);
            sources.add(new ActionSource(best.meaning(),
                    List.of("Apply the resolution of " + best.ticketId() + ": " + clip(best.resolution(), 200))));
        }
        // the closest in meaning first (a stable sort: without embeddings, articles then the ticket, as ranked)
        sources.sort(Comparator.comparingDouble(ActionSource::meaning).reversed());
        Set<String> actions = new LinkedHashSet<>();
        for (ActionSource source : sources) {
            source.actions().forEach(action -> addUnlessForbidden(actions, action, rules));
        }
        for (AssetMatch a : context.assets()) {
            addUnlessForbidden(actions, "Check " + a.hostname() + (a.ipAddress() == null ? "" : " (" + a.ipAddress() + ")")
                    + (a.services().isEmpty() ? "" : " and its services " + String.join(", ", a.services())), rules);
        }
        if (actions.isEmpty()) {
            actions.add("Ask the requester for the exact error message, when it started and what changed.");
            actions.add("Reproduce the problem and attach logs to this ticket.");
        }
        return new ArrayList<>(actions);
    }

    private static void addUnlessForbidden(Set<String> actions, String action, PromptRules rules) {
        if (actions.size() < MAX_ACTIONS && !rules.forbids(action)) {
            actions.add(action);
        }
    }

    private static List<RelatedTicket> related(List<SimilarTicket> similar) {
        List<RelatedTicket> related = new ArrayList<>();
        // a copy of a ticket already listed tells the technician nothing new (the context stage has
        // usually left copies out already; a context built elsewhere may not have)
        for (SimilarTicket t : SimilarTicket.distinct(similar, similar.size())) {
            String reason = "same symptom: " + clip(t.subject(), 90);
            String resolution = firstSentence(t.resolution());
            related.add(new RelatedTicket(t.ticketId(), resolution.isEmpty() ? reason : reason + "; resolved by: " + resolution));
        }
        return related;
    }

    private static String firstSentence(String text) {
        String plain = text == null ? "" : text.strip();
        int end = plain.indexOf(". ");
        return clip(end > 0 ? plain.substring(0, end + 1) : plain, 140);
    }

    /** Mostly the best match's term overlap, a little for KB support and a second match. */
    static int confidence(List<SimilarTicket> similar, List<KbMatch> kb) {
        if (similar.isEmpty()) {
            return kb.isEmpty() ? 10 : 25;
        }
        double score = 0.7 * similar.get(0).closeness()
                + (kb.isEmpty() ? 0.0 : 0.2)
                + (similar.size() > 1 ? 0.1 * similar.get(1).closeness() : 0.0);
        return (int) Math.max(5, Math.min(95, Math.round(score * 100)));
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        String plain = text.strip();
        return plain.length() > max ? plain.substring(0, max - 1) + "…" : plain;
    }
}
