package io.agentmesh.contract.rag;

import java.time.Instant;

/** A collection's size in PostgreSQL and in the answering node's index. */
public record CollectionStats(String collectionId, long documents, long chunks, long indexedChunks,
                              long indexBytes, Instant lastIngestAt) {
}
