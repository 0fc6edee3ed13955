package io.agentmesh.contract.mcp;

/**
 * One event of a resumed stream, for the instance that now holds the client's connection.
 *
 * @param data the JSON-RPC message, or null with {@code last} when the stream ended or cannot be resumed
 * @param last the stream is over: the connection ends
 */
public record StreamEvent(String resumeId, String eventId, String data, boolean last) {
}
