package io.agentmesh.verticles.agents;

import io.agentmesh.contract.MessageJson;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.agents.AgentDraft;
import io.agentmesh.contract.agents.AgentPatch;
import io.agentmesh.contract.agents.AgentQuery;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.tools.ToolAnnotations;
import io.agentmesh.contract.tools.ToolDefinition;
import io.agentmesh.contract.tools.ToolHandlers;
import io.agentmesh.contract.tools.ToolInvocation;
import io.agentmesh.contract.tools.ToolOutput;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/** The agents domain's tools: list, get, create, update, each acting as the caller with the REST rules. */
final class AgentTools {

  private static final Map<String, Object> ID = Map.of("type", "object", "required", List.of("id"),
    "additionalProperties", false, "properties", Map.of("id", Map.of("type", "string", "maxLength", 64)));

  private AgentTools() {
  }

  static Future<Void> serve(Vertx vertx, AgentService agents, Map<String, Object> createSchema) {
    return new ToolHandlers(vertx, "agents")
      .tool(ToolDefinition.of("agents", "agents_list", "List agents",
          "Lists the caller's agents, optionally by status or name prefix.",
        Map.of("type", "object", "additionalProperties", false, "properties", Map.of(
          "status", Map.of("enum", List.of("idle", "running", "error", "disabled")),
          "name_prefix", Map.of("type", "string", "maxLength", 100),
          "limit", Map.of("type", "integer", "minimum", 1, "maximum", 100))),
        ToolAnnotations.READ_ONLY, "agents.tools.list", Scopes.AGENTS_READ), call -> {
          Map<String, Object> args = call.body().arguments();
          return agents.list(RequestConsumers.caller(call), new AgentQuery((Integer) args.get("limit"), null, null,
            null, (String) args.get("status"), (String) args.get("name_prefix"), null)).map(ToolOutput::ofRecord);
        })
      .tool(ToolDefinition.of("agents", "agents_get", "Get an agent",
          "Reads one of the caller's agents by id.", ID,
        ToolAnnotations.READ_ONLY, "agents.tools.get", Scopes.AGENTS_READ),
        call -> agents.get(RequestConsumers.caller(call), (String) call.body().arguments().get("id"))
          .map(ToolOutput::ofRecord))
      .tool(ToolDefinition.of("agents", "agents_create", "Create an agent",
          "Creates an agent owned by the caller.", createSchema,
        ToolAnnotations.WRITES, "agents.tools.create", Scopes.AGENTS_WRITE),
        call -> agents.create(RequestConsumers.caller(call), MessageJson.fromJson(arguments(call), AgentDraft.class))
          .map(ToolOutput::ofRecord))
      .tool(ToolDefinition.of("agents", "agents_update", "Update an agent",
          "Applies a JSON merge patch to one of the caller's agents.",
        Map.of("type", "object", "required", List.of("id", "patch"), "additionalProperties", false,
          "properties", Map.of("id", Map.of("type", "string", "maxLength", 64), "patch", Map.of("type", "object"),
            "if_match", Map.of("type", "integer"))),
        ToolAnnotations.WRITES, "agents.tools.update", Scopes.AGENTS_WRITE), call -> {
          JsonObject args = arguments(call);
          AgentPatch patch = new AgentPatch(args.getString("id"), args.getJsonObject("patch").getMap(),
            args.getLong("if_match"));
          return agents.update(RequestConsumers.caller(call), patch).map(ToolOutput::ofRecord);
        })
      .start();
  }


  private static JsonObject arguments(Message<ToolInvocation> call) {
    return new JsonObject(Json.encode(call.body().arguments()));
  }

}
