package io.agentmesh.verticles.tasks.providers;

import java.util.List;
import java.util.Map;

/**
 * A model call in the platform's neutral shape; each provider translates it to its own wire format.
 *
 * @param messages     {@code {role: system|user|assistant|tool, content, tool_calls?, tool_call_id?}}
 * @param tools        {@code {name, description, input_schema}} of the tools the model may call
 */
public record ModelRequest(String model, List<Map<String, Object>> messages, List<Map<String, Object>> tools,
                           Map<String, Object> parameters, Cancellation cancellation) {
}
