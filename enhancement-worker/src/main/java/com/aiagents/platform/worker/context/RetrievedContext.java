package com.aiagents.platform.worker.context;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Everything the context stage found for one ticket; the input of prompt assembly and synthesis. */
public record RetrievedContext(
        @JsonProperty("search_terms") List<String> searchTerms,
        @JsonProperty("similar_tickets") List<SimilarTicket> similarTickets,
        @JsonProperty("kb_articles") List<KbMatch> kbArticles,
        @JsonProperty("assets") List<AssetMatch> assets) {

    public RetrievedContext {
        searchTerms = List.copyOf(searchTerms);
        similarTickets = List.copyOf(similarTickets);
        kbArticles = List.copyOf(kbArticles);
        assets = List.copyOf(assets);
    }

    public static RetrievedContext empty() {
        return new RetrievedContext(List.of(), List.of(), List.of(), List.of());
    }
}
