-- enhancement-worker: sentence embeddings (all-MiniLM-L6-v2, 384 dimensions) of each ticket's
-- subject and description and of each KB article's title and content, for the semantic half of
-- hybrid retrieval (docs/retrieval.md). Columns on the tenant tables themselves, so the existing
-- tenant_isolation policies (NULLIF, WITH CHECK), the non-empty tenant_id checks, the grants and
-- the purge of a tenant cover them with nothing new to get wrong.
--
-- embedding: the unit vector quantized to int8, as stored in the worker's in-memory matrix:
--   4 bytes float32 scale (big-endian) followed by 384 signed bytes; component i = byte_i * scale.
--   NULL: not embedded yet (new row written by an older worker, or text changed); the backfill
--   job embeds these, so "embedding IS NULL" is its cursor.
-- embedded_at: when the embedding was written (transaction time); another worker replica's
--   cached matrix appends the rows written since it last looked.
ALTER TABLE ticket_history ADD COLUMN embedding bytea, ADD COLUMN embedded_at timestamptz;
ALTER TABLE ticket_history ADD CONSTRAINT ticket_history_embedding_size
    CHECK (embedding IS NULL OR octet_length(embedding) = 388);
ALTER TABLE kb_articles ADD COLUMN embedding bytea, ADD COLUMN embedded_at timestamptz;
ALTER TABLE kb_articles ADD CONSTRAINT kb_articles_embedding_size
    CHECK (embedding IS NULL OR octet_length(embedding) = 388);

-- the backfill's cursor: rows still without an embedding, per tenant, in id order
CREATE INDEX ticket_history_unembedded ON ticket_history (tenant_id, ticket_id) WHERE embedding IS NULL;
CREATE INDEX kb_articles_unembedded ON kb_articles (tenant_id, article_id) WHERE embedding IS NULL;
-- a cached matrix's catch-up: rows embedded since a moment, per tenant
CREATE INDEX ticket_history_embedded_at ON ticket_history (tenant_id, embedded_at) WHERE embedding IS NOT NULL;
CREATE INDEX kb_articles_embedded_at ON kb_articles (tenant_id, embedded_at) WHERE embedding IS NOT NULL;
