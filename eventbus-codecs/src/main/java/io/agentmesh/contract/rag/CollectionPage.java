package io.agentmesh.contract.rag;

import java.util.List;

/** A page of collections; the gateway adds {@code object: "list"}. */
public record CollectionPage(List<RagCollection> data, String firstId, String lastId, boolean hasMore) {

  public CollectionPage {
    data = List.copyOf(data);
  }
}
