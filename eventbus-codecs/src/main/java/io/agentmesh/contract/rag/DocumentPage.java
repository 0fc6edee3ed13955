package io.agentmesh.contract.rag;

import java.util.List;

/** A page of documents; the gateway adds {@code object: "list"}. */
public record DocumentPage(List<RagDocument> data, String firstId, String lastId, boolean hasMore) {

  public DocumentPage {
    data = List.copyOf(data);
  }
}
