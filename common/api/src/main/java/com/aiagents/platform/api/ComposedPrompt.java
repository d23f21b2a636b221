package com.aiagents.platform.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's composed prompt: the production global bundle overlaid by the tenant's production
 * bundle, section by section on {@code key} (the tenant's wins), ordered by {@code order} (then
 * key, so equal orders still compose one way). tenant-service composes it; the worker puts its
 * {@link #text()} into the LLM's system prompt and records its {@link #sha256()} with every
 * enhancement. The hash is over the text, so both sides compute the same one from the sections.
 */
public record ComposedPrompt(
        @JsonProperty("version") String version,
        @JsonProperty("global_version") Integer globalVersion,
        @JsonProperty("tenant_version") Integer tenantVersion,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("sections") List<PromptSection> sections) {

    public static final String GLOBAL = "global";
    public static final String TENANT = "tenant";

    @JsonCreator
    public ComposedPrompt {
        sections = sections == null ? List.of() : List.copyOf(sections);
    }

    /** Overlays {@code tenant} on {@code global} (either may be empty: no production version). */
    public static ComposedPrompt compose(Integer globalVersion, List<PromptSection> global, Integer tenantVersion,
                                         List<PromptSection> tenant) {
        Map<String, PromptSection> byKey = new LinkedHashMap<>();
        global.forEach(s -> byKey.put(s.key(), s.withSource(GLOBAL)));
        tenant.forEach(s -> byKey.put(s.key(), s.withSource(TENANT)));
        List<PromptSection> ordered = byKey.values().stream()
                .sorted(Comparator.comparingInt(PromptSection::order).thenComparing(PromptSection::key)).toList();
        String version = "g" + (globalVersion == null ? 0 : globalVersion) + "-t" + (tenantVersion == null ? 0 : tenantVersion);
        return new ComposedPrompt(version, globalVersion, tenantVersion, sha256Of(textOf(ordered)), ordered);
    }

    /** What the model reads: each section's text in order, separated by a blank line. */
    public String text() {
        return textOf(sections);
    }

    /** Whether {@link #sha256()} is the hash of these sections' text (a garbled answer is not used). */
    public boolean consistent() {
        return sha256Of(text()).equals(sha256);
    }

    private static String textOf(List<PromptSection> sections) {
        StringBuilder text = new StringBuilder();
        for (PromptSection s : sections) {
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(s.text().strip());
        }
        return text.toString();
    }

    static String sha256Of(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
