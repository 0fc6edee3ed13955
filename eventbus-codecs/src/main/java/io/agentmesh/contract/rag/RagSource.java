package io.agentmesh.contract.rag;

import java.time.Instant;
import java.util.List;

/**
 * A watched directory. {@code status}: {@code starting} (its node has not taken it up yet), {@code scanning},
 * {@code watching}, {@code node_down} (its node has not been heard from: it catches up when it returns) or {@code
 * failed} ({@code detail} says why). {@code files}: the files it holds in the collection after the last scan.
 */
public record RagSource(String id, String collectionId, String nodeName, String path, List<String> include,
                        List<String> exclude, String status, String detail, long files, Instant lastScanAt,
                        Instant createdAt) {

  public RagSource {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
  }
}
