package io.agentmesh.contract.rag;

import java.time.Instant;
import java.util.Map;

/**
 * A document of a collection, identified within it by its content's SHA-256. {@code status}: pending (stored, not
 * yet indexed), indexed, or failed (with {@code error}).
 */
public record RagDocument(String id, String collectionId, String name, String mimeType, String contentHash,
                          long sizeBytes, String status, String error, int chunkCount, Map<String, String> metadata,
                          String jobId, Instant createdAt, Instant updatedAt) {

  public RagDocument {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
