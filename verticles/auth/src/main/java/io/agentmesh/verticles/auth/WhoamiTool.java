package io.agentmesh.verticles.auth;

import io.agentmesh.contract.Principal;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.tools.ToolAnnotations;
import io.agentmesh.contract.tools.ToolDefinition;
import io.agentmesh.contract.tools.ToolHandlers;
import io.agentmesh.contract.tools.ToolOutput;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The auth domain's tool: who the caller is, as the platform sees them (with a declared output schema). */
final class WhoamiTool {

  static final ToolDefinition DEFINITION = new ToolDefinition("whoami", "Who am I",
    "The caller's user id, roles and the scopes of the credential used.",
    Map.of("type", "object", "additionalProperties", false, "properties", Map.of()),
    Map.of("type", "object", "required", List.of("user_id", "roles", "scopes"), "properties", Map.of(
      "user_id", Map.of("type", "string"),
      "roles", Map.of("type", "array", "items", Map.of("type", "string")),
      "scopes", Map.of("type", "array", "items", Map.of("type", "string")))),
    ToolAnnotations.READ_ONLY, "auth", "auth.tools.whoami", null);

  private WhoamiTool() {
  }

  static Future<Void> serve(Vertx vertx) {
    return new ToolHandlers(vertx, "auth").tool(DEFINITION, call -> {
      Principal caller = RequestConsumers.caller(call);
      return Future.succeededFuture(new ToolOutput(Map.of("user_id", caller.userId(),
        "roles", List.copyOf(new TreeSet<>(caller.roles())), "scopes", List.copyOf(new TreeSet<>(caller.scopes())))));
    }).start();
  }
}
