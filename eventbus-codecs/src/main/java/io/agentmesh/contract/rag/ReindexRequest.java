package io.agentmesh.contract.rag;

/**
 * Rebuild a collection from what PostgreSQL holds, as an ingest job: every document chunked and indexed again;
 * {@code embeddingModel}, when given and different, re-embeds everything with that model (null keeps the current
 * one, whose stored vectors are reused).
 */
public record ReindexRequest(String collectionId, String embeddingModel) {
}
