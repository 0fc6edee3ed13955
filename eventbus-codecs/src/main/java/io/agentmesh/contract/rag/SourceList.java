package io.agentmesh.contract.rag;

import java.util.List;

/** The sources of a collection, oldest first (a collection has few). */
public record SourceList(List<RagSource> data) {

  public SourceList {
    data = List.copyOf(data);
  }
}
