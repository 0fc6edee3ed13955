package io.agentmesh.contract.rag;

import java.util.List;

/** Documents for one collection, stored before the reply and ingested by one job. */
public record DocumentBatch(String collectionId, List<DocumentFile> files) {

  public DocumentBatch {
    files = files == null ? List.of() : List.copyOf(files);
  }
}
