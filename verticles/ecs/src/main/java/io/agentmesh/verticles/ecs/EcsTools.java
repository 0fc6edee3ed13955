package io.agentmesh.verticles.ecs;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.RequestConsumers;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.ecs.ActRequest;
import io.agentmesh.contract.ecs.EcsAddresses;
import io.agentmesh.contract.ecs.LineageQuery;
import io.agentmesh.contract.ecs.MateQuery;
import io.agentmesh.contract.ecs.SpawnRequest;
import io.agentmesh.contract.tools.ToolAnnotations;
import io.agentmesh.contract.tools.ToolDefinition;
import io.agentmesh.contract.tools.ToolHandlers;
import io.agentmesh.contract.tools.ToolInvocation;
import io.agentmesh.contract.tools.ToolOutput;
import io.agentmesh.verticles.ecs.world.Traits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ecs domain's tools, for agents and MCP clients. Every ecs node offers them; each is a face over a domain
 * address, sent on with the caller's identity, so it has exactly the rules of its REST route and reaches the world
 * wherever it runs.
 */
final class EcsTools {

  private static final Map<String, Object> ENTITY = Map.of("type", "string", "pattern", "^ent_[0-9a-f]{16}$");
  private static final long TIMEOUT_MS = 10_000;

  private final Vertx vertx;

  private EcsTools(Vertx vertx) {
    this.vertx = vertx;
  }

  static Future<Void> serve(Vertx vertx) {
    EcsTools tools = new EcsTools(vertx);
    Map<String, Object> traits = new LinkedHashMap<>();
    Traits.NAMES.forEach(name -> traits.put(name, Map.of("type", "number", "minimum", 0, "maximum", 1)));
    return new ToolHandlers(vertx, "ecs")
      .tool(ToolDefinition.of("ecs", "ecs_status", "World status", "The simulated world now: tick, speed, "
          + "population, births and deaths per simulated day, mean traits.", Map.of("type", "object",
            "additionalProperties", false), ToolAnnotations.READ_ONLY, "ecs.tools.status", Scopes.ECS_READ),
        call -> tools.forward(call, EcsAddresses.STATUS, new ResourceId("world")))
      .tool(ToolDefinition.of("ecs", "ecs_spawn", "Spawn an entity", "Spawns a first-generation entity owned by the "
          + "caller, with the traits given (each 0 to 1; the rest random) where given (else a random place).",
          Map.of("type", "object", "additionalProperties", false, "properties", Map.of("traits", Map.of("type",
            "object", "additionalProperties", false, "properties", traits), "x", Map.of("type", "number",
            "minimum", 0), "y", Map.of("type", "number", "minimum", 0))), ToolAnnotations.WRITES,
          "ecs.tools.spawn", Scopes.ECS_WRITE),
        call -> {
          Map<String, Object> args = call.body().arguments();
          @SuppressWarnings("unchecked")
          Map<String, Object> named = (Map<String, Object>) args.getOrDefault("traits", Map.of());
          Map<String, Double> values = new HashMap<>();
          named.forEach((name, value) -> values.put(name, ((Number) value).doubleValue()));
          return tools.forward(call, EcsAddresses.SPAWN, new SpawnRequest(values, number(args.get("x")),
            number(args.get("y"))));
        })
      .tool(ToolDefinition.of("ecs", "ecs_lineage", "Family tree", "An entity's ancestors and descendants, "
          + "generations each way (1 to 10, default 3).", Map.of("type", "object", "required", List.of("entity_id"),
            "additionalProperties", false, "properties", Map.of("entity_id", ENTITY, "depth", Map.of("type",
              "integer", "minimum", 1, "maximum", 10))), ToolAnnotations.READ_ONLY, "ecs.tools.lineage",
          Scopes.ECS_READ),
        call -> tools.forward(call, EcsAddresses.LINEAGE, new LineageQuery(
          (String) call.body().arguments().get("entity_id"), (Integer) call.body().arguments().get("depth"))))
      .tool(ToolDefinition.of("ecs", "ecs_find_mates", "Find mates", "Compatible mates near an entity, best first: "
          + "score, genetic and map distance.", Map.of("type", "object", "required", List.of("entity_id"),
            "additionalProperties", false, "properties", Map.of("entity_id", ENTITY, "limit", Map.of("type",
              "integer", "minimum", 1, "maximum", 50))), ToolAnnotations.READ_ONLY, "ecs.tools.find_mates",
          Scopes.ECS_READ),
        call -> tools.forward(call, EcsAddresses.MATES, new MateQuery(
          (String) call.body().arguments().get("entity_id"), (Integer) call.body().arguments().get("limit"), null)))
      .tool(ToolDefinition.of("ecs", "ecs_observe", "Observe as an entity", "What an entity the caller owns and has "
          + "linked to an agent perceives: itself, the food where it stands, the entities around it.",
          Map.of("type", "object", "required", List.of("entity_id"), "additionalProperties", false, "properties",
            Map.of("entity_id", ENTITY)), ToolAnnotations.READ_ONLY, "ecs.tools.observe", Scopes.ECS_READ),
        call -> tools.forward(call, EcsAddresses.OBSERVE, new ResourceId(
          (String) call.body().arguments().get("entity_id"))))
      .tool(ToolDefinition.of("ecs", "ecs_act", "Act as an entity", "Tells an entity the caller owns and has linked "
          + "to an agent what to do for a while: move_toward a place (x, y), seek_mate, forage or rest.",
          Map.of("type", "object", "required", List.of("entity_id", "action"), "additionalProperties", false,
            "properties", Map.of("entity_id", ENTITY, "action", Map.of("enum", List.of("move_toward", "seek_mate",
              "forage", "rest")), "x", Map.of("type", "number", "minimum", 0), "y", Map.of("type", "number",
              "minimum", 0), "ticks", Map.of("type", "integer", "minimum", 1, "maximum", 10000))),
          ToolAnnotations.WRITES, "ecs.tools.act", Scopes.ECS_WRITE),
        call -> {
          Map<String, Object> args = call.body().arguments();
          return tools.forward(call, EcsAddresses.ACT_LINKED, new ActRequest((String) args.get("entity_id"),
            (String) args.get("action"), number(args.get("x")), number(args.get("y")), (Integer) args.get("ticks")));
        })
      .start();
  }

  private static Double number(Object value) {
    return value == null ? null : ((Number) value).doubleValue();
  }

  /** Sends the call on to the world's node as the caller; answers its reply as the tool's output. */
  private Future<ToolOutput> forward(Message<ToolInvocation> call, String address, Record request) {
    return vertx.eventBus().request(address, request, BusHeaders.deliveryOptions(RequestConsumers.caller(call),
        BusHeaders.requestId(call), TIMEOUT_MS))
      .recover(failure -> Future.failedFuture(failure instanceof DomainException ? failure
        : DomainException.retryLater(ErrorCode.UNAVAILABLE, "The world is not running right now; try again.", 2)))
      .map(reply -> ToolOutput.ofRecord((Record) reply.body()));
  }
}
