package io.agentmesh.contract.memory;

/**
 * A message to append. {@code content} is a string, or a list of parts ({@code {type: text, text}},
 * {@code {type: tool_call, id, name, arguments}}, {@code {type: tool_result, tool_call_id, content}}).
 * {@code appendKey}, when given, makes the append idempotent within the session (a retried append is not doubled).
 */
public record MessageDraft(String sessionId, String role, Object content, Boolean pinned, String appendKey) {
}
