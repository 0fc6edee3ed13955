package io.agentmesh.contract.mcp;

/**
 * A client came back with {@code Last-Event-ID} on another gateway instance: the instance holding the call's stream
 * replays the events after {@code afterSequence} to {@code replyTo} as {@link StreamEvent}s, then forwards live ones.
 */
public record StreamResume(String sessionId, String streamId, long afterSequence, String replyTo, String resumeId) {
}
