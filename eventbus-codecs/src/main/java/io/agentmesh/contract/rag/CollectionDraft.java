package io.agentmesh.contract.rag;

import java.util.Map;

/** What a client sends to create a collection; a missing model or chunking takes the configured defaults. */
public record CollectionDraft(String name, String description, String embeddingModel, ChunkingPolicy chunking,
                              Map<String, String> metadata) {

  public CollectionDraft {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
