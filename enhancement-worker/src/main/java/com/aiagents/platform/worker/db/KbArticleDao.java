package com.aiagents.platform.worker.db;

import com.aiagents.platform.worker.api.KbArticleInput;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Bulk upsert of {@code kb_articles}. */
public final class KbArticleDao {
    public int upsert(Handle h, List<KbArticleInput> articles) {
        if (articles.isEmpty()) {
            return 0;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO kb_articles (tenant_id, article_id, title, content, tags, account) "
                + "VALUES (current_setting('app.current_tenant_id', true), :id, :title, :content, :tags, :account) "
                + "ON CONFLICT (tenant_id, article_id) DO UPDATE SET title = excluded.title, content = excluded.content, "
                + "tags = excluded.tags, account = excluded.account, updated_at = now(), "
                // new text, no vector until it is embedded again (EmbeddingDao)
                + "embedding = CASE WHEN kb_articles.title = excluded.title AND kb_articles.content = excluded.content "
                + "THEN kb_articles.embedding END, "
                + "embedded_at = CASE WHEN kb_articles.title = excluded.title AND kb_articles.content = excluded.content "
                + "THEN kb_articles.embedded_at END");
        for (KbArticleInput a : articles) {
            batch.bind("id", a.articleId()).bind("title", a.title()).bind("content", a.content())
                    .bindArray("tags", String.class, a.tags() == null ? List.of() : a.tags())
                    .bind("account", a.account()).add();
        }
        batch.execute();
        return articles.size();
    }
}
