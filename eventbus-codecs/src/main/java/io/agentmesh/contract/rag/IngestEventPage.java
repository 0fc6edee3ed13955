package io.agentmesh.contract.rag;

import java.util.List;

/** Stored events of an ingest job in sequence order; {@code hasMore}: ask again after the last one. */
public record IngestEventPage(List<IngestEvent> data, boolean hasMore) {

  public IngestEventPage {
    data = List.copyOf(data);
  }
}
