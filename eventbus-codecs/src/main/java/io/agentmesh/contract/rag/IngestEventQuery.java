package io.agentmesh.contract.rag;

/** An ingest job's stored events after {@code afterSequence}, at most {@code limit}: how streams resume. */
public record IngestEventQuery(String jobId, long afterSequence, int limit) {
}
