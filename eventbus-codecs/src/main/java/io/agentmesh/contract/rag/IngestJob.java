package io.agentmesh.contract.rag;

import java.time.Instant;
import java.util.List;

/**
 * The ingest of a batch of documents. {@code status}: queued, running, completed (every document indexed or
 * failed on its own, see {@code errors}) or failed; {@code stage}: what it does now (queued, parsing, embedding,
 * storing, done). {@code unchanged}: documents of the batch the collection already held with the same bytes.
 */
public record IngestJob(String id, String collectionId, String status, String stage, int documentsTotal,
                        int documentsDone, int chunksTotal, int chunksDone, int unchanged, List<String> documentIds,
                        List<DocumentError> errors, Instant createdAt, Instant updatedAt, Instant completedAt) {

  public IngestJob {
    documentIds = documentIds == null ? List.of() : List.copyOf(documentIds);
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  public boolean terminal() {
    return status.equals("completed") || status.equals("failed");
  }
}
