package com.aiagents.platform.worker.semantic;

/** Where a load puts the embeddings it reads: each row's id and its stored form ({@link QuantizedVector#toBytes()}). */
public interface StoredRows {
    void putStored(String id, byte[] stored);
}
