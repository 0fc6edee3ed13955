package io.agentmesh.verticles.gateway.mcp;

import io.agentmesh.contract.auth.Scopes;
import io.vertx.core.json.JsonObject;

/**
 * The scope each MCP method needs: exactly that of the REST route to the same data, so the MCP face is never
 * looser. Prompts are agents' instructions ({@code GET /agents/{id}}), resources are session transcripts
 * ({@code GET /sessions/{id}/messages}), a tool call is {@code POST /tools/{name}/invoke}. Listing tools needs only
 * a credential, as {@code GET /tools} does: the list holds what the caller may call.
 */
final class McpScopes {

  private McpScopes() {
  }

  /** The scope {@code method} needs, or null when any credential will do. */
  static String needed(String method, JsonObject params) {
    return switch (method) {
      case "tools/call" -> Scopes.TOOLS_CALL;
      case "prompts/list", "prompts/get" -> Scopes.AGENTS_READ;
      case "resources/list", "resources/read", "resources/templates/list", "resources/subscribe",
           "resources/unsubscribe" -> Scopes.MEMORY_READ;
      case "completion/complete" -> "ref/prompt".equals(params.getJsonObject("ref", new JsonObject())
        .getString("type")) ? Scopes.AGENTS_READ : Scopes.MEMORY_READ;
      default -> null;
    };
  }
}
