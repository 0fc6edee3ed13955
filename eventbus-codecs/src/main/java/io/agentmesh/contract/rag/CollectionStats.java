package io.agentmesh.contract.rag;

import java.time.Instant;

/**
 * A collection's size in PostgreSQL and in the answering node's index; {@code cacheHitRate}: the share of that
 * node's searches (of every collection) answered from the cache, null before its first search.
 */
public record CollectionStats(String collectionId, long documents, long chunks, long indexedChunks,
                              long indexBytes, Instant lastIngestAt, Double cacheHitRate) {
}
