package io.agentmesh.contract.tasks;

/** The model's text and the tokens it took. */
public record CompletionResult(String text, int inputTokens, int outputTokens) {
}
