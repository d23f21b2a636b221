package com.aiagents.platform.worker.synthesis;

import com.aiagents.platform.api.ComposedPrompt;
import com.aiagents.platform.api.PromptSection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of a composed prompt the deterministic synthesizer can honour without a model: every
 * sentence "Never suggest &lt;action&gt;[ in/during/when/... &lt;condition&gt;]" in any section
 * (docs/prompt-bundles.md#rules-the-deterministic-synthesizer-honours). A suggested action that names
 * every word of &lt;action&gt; (ignoring case and word endings: "rebooting" matches "Reboot",
 * "controllers" matches "controller") is dropped. The condition is not evaluated: the pipeline reads
 * no clock (gate 2 proves it deterministic), so the action is left out at all times, the safe
 * reading of the rule. The LLM gets the whole rule in its system prompt and may apply the condition.
 */
public final class PromptRules {
    public static final PromptRules NONE = new PromptRules(List.of());

    private static final Pattern NEVER_SUGGEST = Pattern.compile(
            "\\b(?:never|do not|don't)\\s+suggest\\s+([^.;:!?\\n]+)", Pattern.CASE_INSENSITIVE);
    /** Where the action ends and its condition begins. */
    private static final Pattern CONDITION = Pattern.compile(
            "\\s(?:in|during|when|while|whenever|before|after|outside|on|at|within|unless|if)\\s", Pattern.CASE_INSENSITIVE);
    private static final Set<String> FILLER = Set.of("a", "an", "the", "any", "to", "of", "or", "and", "for", "their",
            "its", "our", "your", "users", "user");

    private final List<List<String>> forbidden;

    private PromptRules(List<List<String>> forbidden) {
        this.forbidden = forbidden;
    }

    public static PromptRules of(ComposedPrompt composed) {
        if (composed == null) {
            return NONE;
        }
        List<List<String>> forbidden = new ArrayList<>();
        for (PromptSection section : composed.sections()) {
            Matcher m = NEVER_SUGGEST.matcher(section.text());
            while (m.find()) {
                String action = CONDITION.split(" " + m.group(1) + " ", 2)[0];
                List<String> words = words(action).stream().filter(w -> !FILLER.contains(w)).toList();
                if (!words.isEmpty()) {
                    forbidden.add(words);
                }
            }
        }
        return new PromptRules(List.copyOf(forbidden));
    }

    /** Whether a rule forbids suggesting {@code action}. */
    public boolean forbids(String action) {
        List<String> words = words(action);
        return forbidden.stream().anyMatch(rule -> words.containsAll(rule));
    }

    /** The forbidden actions, as the word stems they are matched by (for tests and logs). */
    List<List<String>> forbidden() {
        return forbidden;
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
                .filter(w -> !w.isEmpty()).map(PromptRules::stem).toList();
    }

    /**
     * A crude English stem, enough to bring "reboot"/"rebooting"/"rebooted" and "profile"/"profiles"
     * to one form: one inflection off, then a final "e".
     */
    static String stem(String word) {
        if (word.endsWith("ss") || word.endsWith("us") || word.endsWith("is")) {
            return word; // "process", "status", "analysis": not plurals
        }
        String stem = word;
        for (String suffix : new String[] {"ing", "ed", "es", "s"}) {
            if (stem.length() > suffix.length() + 2 && stem.endsWith(suffix)) {
                stem = stem.substring(0, stem.length() - suffix.length());
                break;
            }
        }
        return stem.length() > 3 && stem.endsWith("e") ? stem.substring(0, stem.length() - 1) : stem;
    }
}
