package io.agentmesh.contract.rag;

import java.time.Instant;
import java.util.Map;

/**
 * A step of an ingest job, numbered per job: {@code rag.ingest.progress}, then {@code rag.ingest.completed} or
 * {@code rag.ingest.failed}. {@code data} is the job's counters at that point.
 */
public record IngestEvent(String jobId, String ownerId, long sequence, String type, Map<String, Object> data,
                          Instant createdAt) {

  public IngestEvent {
    data = data == null ? Map.of() : Map.copyOf(data);
  }

  /** The job's last event: nothing follows it. */
  public boolean terminal() {
    return type.equals("rag.ingest.completed") || type.equals("rag.ingest.failed");
  }
}
