package io.agentmesh.verticles.gateway.mcp;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.agents.Agent;
import io.agentmesh.contract.agents.AgentPage;
import io.agentmesh.contract.agents.AgentQuery;
import io.agentmesh.contract.agents.AgentsAddresses;
import io.agentmesh.contract.conformance.ConformancePackAddresses;
import io.agentmesh.contract.conformance.McpPayload;
import io.agentmesh.contract.memory.MemoryAddresses;
import io.agentmesh.contract.memory.Message;
import io.agentmesh.contract.memory.MessagePage;
import io.agentmesh.contract.memory.MessageQuery;
import io.agentmesh.contract.memory.SessionPage;
import io.agentmesh.contract.memory.SessionQuery;
import io.agentmesh.verticles.gateway.http.BusClient;
import io.agentmesh.verticles.gateway.security.Principals;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * MCP prompts and resources made of the platform's own content, each read as the caller: an agent's instructions
 * are a prompt (named by the agent's id, with an optional {@code task} argument), a session's transcript is a
 * resource ({@code agentmesh://sessions/<id>}). What the caller may not see does not exist for them.
 */
final class McpContent {

  static final String SESSION_URI = "agentmesh://sessions/";
  static final String SESSION_TEMPLATE = SESSION_URI + "{session_id}";
  private static final int LIMIT = 100;

  private final BusClient bus;

  McpContent(BusClient bus) {
    this.bus = bus;
  }

  Future<JsonObject> listPrompts(RoutingContext ctx) {
    if (guest(ctx)) {
      return pack(ctx, ConformancePackAddresses.PROMPTS_LIST, new JsonObject());
    }
    return bus.<AgentPage>request(AgentsAddresses.LIST, new AgentQuery(LIMIT, "asc", null, null, null, null, null),
      ctx).map(page -> {
        JsonArray prompts = new JsonArray();
        page.data().forEach(agent -> prompts.add(new JsonObject().put("name", agent.id()).put("title", agent.name())
          .put("description", agent.description() == null ? "Instructions of agent " + agent.name()
            : agent.description())
          .put("arguments", new JsonArray().add(new JsonObject().put("name", "task")
            .put("description", "What to ask of the agent").put("required", false)))));
        return new JsonObject().put("prompts", prompts);
      });
  }

  Future<JsonObject> getPrompt(RoutingContext ctx, JsonObject params) {
    if (guest(ctx)) {
      return pack(ctx, ConformancePackAddresses.PROMPTS_GET, params);
    }
    String name = params.getString("name");
    String task = params.getJsonObject("arguments", new JsonObject()).getString("task");
    return bus.<Agent>request(AgentsAddresses.GET, new ResourceId(name), ctx).map(agent -> {
      String text = (agent.instructions() == null ? "" : agent.instructions())
        + (task == null ? "" : "\n\nTask: " + task);
      return new JsonObject().put("description", "Instructions of agent " + agent.name())
        .put("messages", new JsonArray().add(new JsonObject().put("role", "user")
          .put("content", new JsonObject().put("type", "text").put("text", text))));
    });
  }

  Future<JsonObject> listResources(RoutingContext ctx) {
    if (guest(ctx)) {
      return pack(ctx, ConformancePackAddresses.RESOURCES_LIST, new JsonObject());
    }
    return bus.<SessionPage>request(MemoryAddresses.SESSION_LIST, new SessionQuery(null, LIMIT, "asc", null, null),
      ctx).map(page -> {
        JsonArray resources = new JsonArray();
        page.data().forEach(session -> resources.add(new JsonObject().put("uri", SESSION_URI + session.id())
          .put("name", session.title() == null ? session.id() : session.title())
          .put("description", "Transcript of a session with agent " + session.agentId())
          .put("mimeType", "text/plain")));
        return new JsonObject().put("resources", resources);
      });
  }

  /** The transcript of one of the caller's sessions (its first {@value #LIMIT} messages). */
  Future<JsonObject> readResource(RoutingContext ctx, JsonObject params) {
    if (guest(ctx)) {
      return pack(ctx, ConformancePackAddresses.RESOURCES_READ, params);
    }
    String uri = params.getString("uri", "");
    if (!uri.startsWith(SESSION_URI)) {
      return Future.failedFuture(DomainException.notFound("Resource " + uri));
    }
    String sessionId = uri.substring(SESSION_URI.length());
    return bus.<MessagePage>request(MemoryAddresses.MESSAGE_LIST, new MessageQuery(sessionId, null, LIMIT, "asc",
      null, null), ctx).map(page -> {
        StringBuilder transcript = new StringBuilder();
        for (Message message : page.data()) {
          transcript.append(message.role()).append(": ")
            .append(message.content() instanceof String text ? text : Json.encode(message.content())).append('\n');
        }
        return new JsonObject().put("contents", new JsonArray().add(new JsonObject().put("uri", uri)
          .put("mimeType", "text/plain").put("text", transcript.toString())));
      });
  }

  Future<JsonObject> listTemplates(RoutingContext ctx) {
    if (guest(ctx)) {
      return pack(ctx, ConformancePackAddresses.TEMPLATES_LIST, new JsonObject());
    }
    return Future.succeededFuture(new JsonObject().put("resourceTemplates", new JsonArray().add(new JsonObject()
      .put("uriTemplate", SESSION_TEMPLATE).put("name", "Session transcript")
      .put("description", "The transcript of one of your sessions").put("mimeType", "text/plain"))));
  }

  /**
   * {@code completion/complete}: the caller's session ids for the transcript template's {@code session_id}; a
   * prompt's {@code task} is free text, so it gets no suggestions.
   */
  Future<JsonObject> complete(RoutingContext ctx, JsonObject params) {
    if (guest(ctx)) {
      return pack(ctx, ConformancePackAddresses.COMPLETE, params);
    }
    JsonObject ref = params.getJsonObject("ref", new JsonObject());
    JsonObject argument = params.getJsonObject("argument", new JsonObject());
    String prefix = argument.getString("value", "");
    if ("ref/resource".equals(ref.getString("type")) && SESSION_TEMPLATE.equals(ref.getString("uri"))
      && "session_id".equals(argument.getString("name"))) {
      return bus.<SessionPage>request(MemoryAddresses.SESSION_LIST, new SessionQuery(null, LIMIT, "desc", null, null),
        ctx).map(page -> completion(page.data().stream().map(session -> session.id())
          .filter(id -> id.startsWith(prefix)).toList()));
    }
    if ("ref/prompt".equals(ref.getString("type"))) {
      return bus.<Agent>request(AgentsAddresses.GET, new ResourceId(ref.getString("name")), ctx)
        .map(agent -> completion(List.of()));
    }
    return Future.failedFuture(DomainException.notFound("Completion reference"));
  }

  private static JsonObject completion(List<String> values) {
    return new JsonObject().put("completion", new JsonObject().put("values", new JsonArray(values))
      .put("total", values.size()).put("hasMore", false));
  }

  /** A guest (conformance pack deployed, no credential) sees the pack's fixtures, never the platform's content. */
  private static boolean guest(RoutingContext ctx) {
    return Principals.of(ctx).isGuest();
  }

  private Future<JsonObject> pack(RoutingContext ctx, String address, JsonObject params) {
    return bus.<McpPayload>request(address, new McpPayload(params.getMap()), ctx)
      .map(payload -> new JsonObject(Json.encode(payload.json())));
  }

  static boolean notFound(Throwable failure) {
    return failure instanceof DomainException domain && domain.code() == ErrorCode.NOT_FOUND;
  }
}
