package io.agentmesh.contract.rag;

import java.time.Instant;
import java.util.Map;

/**
 * A collection of documents searched together, owned by one user. {@code embeddingModel} is fixed at creation;
 * {@code version} grows with every change to its documents (search results are cached per version).
 */
public record RagCollection(String id, String ownerId, String name, String description, String embeddingModel,
                            ChunkingPolicy chunking, Map<String, String> metadata, long documentCount,
                            long chunkCount, long version, Instant createdAt, Instant updatedAt) {

  public RagCollection {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
