package com.aiagents.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One section of a prompt bundle (docs/prompt-bundles.md): a key a tenant's overlay replaces by,
 * its text, and where it goes in the composed prompt. {@code source} says, in a composed prompt,
 * which bundle it came from ({@code global} or {@code tenant}); null in a bundle itself.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromptSection(@JsonProperty("key") String key, @JsonProperty("text") String text,
                            @JsonProperty("order") int order, @JsonProperty("source") String source) {

    public PromptSection withSource(String from) {
        return new PromptSection(key, text, order, from);
    }
}
