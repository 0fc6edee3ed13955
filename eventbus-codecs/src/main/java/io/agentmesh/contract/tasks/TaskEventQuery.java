package io.agentmesh.contract.tasks;

/** A task's stored events after {@code afterSequence}, at most {@code limit}. */
public record TaskEventQuery(String taskId, long afterSequence, int limit) {
}
