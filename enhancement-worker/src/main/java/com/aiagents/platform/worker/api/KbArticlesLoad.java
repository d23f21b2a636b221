package com.aiagents.platform.worker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code POST /v1/tenants/{tenant_id}/kb-articles}: up to 1,000 articles, upserted by article_id. */
public record KbArticlesLoad(@JsonProperty("articles") @NotNull @Size(min = 1, max = 1000) List<@Valid @NotNull KbArticleInput> articles) {
}
