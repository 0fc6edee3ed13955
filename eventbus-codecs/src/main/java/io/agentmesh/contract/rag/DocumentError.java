package io.agentmesh.contract.rag;

/** Why one document of an ingest job was not indexed. */
public record DocumentError(String documentId, String name, String code, String message) {
}
