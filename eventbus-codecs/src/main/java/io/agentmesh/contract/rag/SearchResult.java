package io.agentmesh.contract.rag;

import java.util.List;

/** The hits of a search, best first. */
public record SearchResult(String mode, List<SearchHit> hits) {

  public SearchResult {
    hits = List.copyOf(hits);
  }
}
