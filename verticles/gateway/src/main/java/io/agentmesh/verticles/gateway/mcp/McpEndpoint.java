package io.agentmesh.verticles.gateway.mcp;

import io.agentmesh.contract.AcceptedText;
import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.mcp.McpSession;
import io.agentmesh.contract.mcp.McpSessionAddresses;
import io.agentmesh.contract.mcp.McpSubscription;
import io.agentmesh.contract.tools.ToolCall;
import io.agentmesh.contract.tools.ToolDefinition;
import io.agentmesh.contract.tools.ToolPage;
import io.agentmesh.contract.tools.ToolQuery;
import io.agentmesh.contract.tools.ToolResult;
import io.agentmesh.contract.tools.ToolsAddresses;
import io.agentmesh.storage.ExpiringCache;
import io.agentmesh.verticles.gateway.GatewayOptions;
import io.agentmesh.verticles.gateway.http.BusClient;
import io.agentmesh.verticles.gateway.http.RequestIds;
import io.agentmesh.verticles.gateway.security.CredentialWatch;
import io.agentmesh.verticles.gateway.security.Principals;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /mcp}: the Model Context Protocol over Streamable HTTP (JSON responses). One JSON-RPC message per POST;
 * notifications and client responses get 202. Sessions live in the mcp domain, so any node serves a session's next
 * request; a session belongs to the user who opened it. Tools are the registry's, called as the caller.
 */
public final class McpEndpoint {

  static final List<String> VERSIONS = List.of("2025-11-25", "2025-06-18");
  /**
   * What the MCP-Protocol-Version header may name on a session's later requests: the published versions. The
   * session's negotiated version decides how it is served; 2025-03-26 is what a server assumes when the header is
   * missing, so naming it is not an error either. Anything else is a 400.
   */
  static final List<String> HEADER_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
  private static final List<String> CLIENT_CAPABILITIES = List.of("sampling", "elicitation", "roots");
  static final String SESSION_HEADER = "MCP-Session-Id";
  private static final int PAGE = 100;
  /** JSON-RPC error code (server range) for a method the caller's credential lacks the scope for. */
  static final int FORBIDDEN = -32003;

  /** Sessions checked recently by this instance; changes and ends arrive as events and drop them at once. */
  static final long SESSION_CACHE_MS = 2_000;

  private final BusClient bus;
  private final GatewayOptions options;
  /** Sessions this instance checked recently, by id. */
  private final ExpiringCache<String, McpSession> checked = new ExpiringCache<>(10_000, SESSION_CACHE_MS);

  private final McpStreams streams;
  private final McpCalls calls;
  private final McpRelay relay;
  private final EventBus eventBus;
  private final McpContent content;

  public McpEndpoint(Vertx vertx, BusClient bus, GatewayOptions options, CredentialWatch credentials) {
    this.bus = bus;
    this.options = options;
    this.streams = new McpStreams(vertx, credentials);
    this.calls = new McpCalls(vertx);
    this.relay = new McpRelay(vertx);
    this.eventBus = vertx.eventBus();
    this.content = new McpContent(bus);
    vertx.eventBus().<String>consumer(McpSessionAddresses.CHANGED, changed -> checked.remove(changed.body()));
  }

  public void post(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).matches("application/json\\s*(;.*)?")) {
      error(ctx, 415, null, -32600, "Invalid request: send Content-Type: application/json.");
      return;
    }
    JsonObject message;
    try {
      Object parsed = Json.decodeValue(ctx.body().buffer());
      if (!(parsed instanceof JsonObject object) || !"2.0".equals(object.getValue("jsonrpc"))) {
        error(ctx, 400, parsed instanceof JsonObject o ? o.getValue("id") : null, -32600,
          "Invalid request: send one JSON-RPC 2.0 message per POST (batches are not accepted).");
        return;
      }
      message = object;
    } catch (DecodeException | NullPointerException e) {
      error(ctx, 400, null, -32700, "Parse error: the body is not JSON.");
      return;
    }
    List<FieldError> text = AcceptedText.problems(message);
    if (!text.isEmpty()) {
      error(ctx, 400, message.getValue("id") instanceof String || message.getValue("id") instanceof Number
        ? message.getValue("id") : null, -32602, "Invalid params: " + text.stream()
        .map(e -> e.field() + " " + e.reason()).toList());
      return;
    }
    String method = message.getString("method");
    Object id = message.getValue("id");
    if (method == null || id == null) {
      accept(ctx, method, message);
      return;
    }
    if (method.equals("initialize")) {
      initialize(ctx, id, message.getJsonObject("params", new JsonObject()));
      return;
    }
    String version = ctx.request().getHeader("MCP-Protocol-Version");
    if (version != null && !HEADER_VERSIONS.contains(version)) {
      error(ctx, 400, id, -32600, "Unsupported MCP-Protocol-Version " + version + "; supported: " + VERSIONS);
      return;
    }
    String sessionId = ctx.request().getHeader(SESSION_HEADER);
    if (sessionId == null) {
      error(ctx, 400, id, -32600, "Missing " + SESSION_HEADER + ": call initialize first.");
      return;
    }
    checkSession(ctx, sessionId)
      .onSuccess(session -> dispatch(ctx, session, id, method, message.getJsonObject("params", new JsonObject())))
      .onFailure(failure -> sessionFailure(ctx, id, failure));
  }

  /**
   * A notification or a response from the client: 202. A cancellation reaches the node running the call; an answer
   * to a server request reaches the instance that asked.
   */
  private void accept(RoutingContext ctx, String method, JsonObject message) {
    JsonObject params = message.getJsonObject("params", new JsonObject());
    String sessionId = ctx.request().getHeader(SESSION_HEADER);
    if (method == null && sessionId != null && message.getValue("id") != null) {
      checkSession(ctx, sessionId).onComplete(found -> {
        if (found.succeeded()) {
          McpRelay.relay(eventBus, sessionId, message.getValue("id"), message);
        }
        ctx.response().setStatusCode(202).end();
      });
      return;
    }
    if ("notifications/cancelled".equals(method) && sessionId != null && params.getValue("requestId") != null) {
      checkSession(ctx, sessionId).onComplete(found -> {
        if (found.succeeded()) {
          calls.cancel(sessionId, Json.encode(params.getValue("requestId")));
        }
        ctx.response().setStatusCode(202).end();
      });
      return;
    }
    ctx.response().setStatusCode(202).end();
  }

  private Future<McpSession> checkSession(RoutingContext ctx, String sessionId) {
    String userId = Principals.of(ctx).userId();
    McpSession recent = checked.get(sessionId);
    if (recent != null && recent.userId().equals(userId)) {
      return Future.succeededFuture(recent);
    }
    return bus.<McpSession>request(McpSessionAddresses.CHECK, new McpSession(sessionId, null, null, null), ctx)
      .onSuccess(session -> checked.put(sessionId, session));
  }

  public void delete(RoutingContext ctx) {
    String sessionId = ctx.request().getHeader(SESSION_HEADER);
    if (sessionId == null) {
      error(ctx, 400, null, -32600, "Missing " + SESSION_HEADER + ".");
      return;
    }
    checked.remove(sessionId);
    bus.request(McpSessionAddresses.CLOSE, new McpSession(sessionId, null, null, null), ctx)
      .onSuccess(closed -> ctx.response().setStatusCode(204).end())
      .onFailure(failure -> sessionFailure(ctx, null, failure));
  }

  /**
   * The server's stream: server-sent events carrying notifications (today {@code notifications/tools/list_changed},
   * when any domain's tools change anywhere in the cluster). Kept alive by a comment every 25 s.
   */
  public void get(RoutingContext ctx) {
    String sessionId = ctx.request().getHeader(SESSION_HEADER);
    if (sessionId == null) {
      error(ctx, 400, null, -32600, "Missing " + SESSION_HEADER + ": call initialize first.");
      return;
    }
    String[] lastEventId = McpExchange.parseEventId(ctx.request().getHeader("Last-Event-ID"));
    checkSession(ctx, sessionId).onSuccess(session -> {
      if (lastEventId != null) {
        relay.resume(ctx, session.id(), lastEventId);
      } else {
        streams.open(ctx, session.id());
      }
    }).onFailure(failure -> sessionFailure(ctx, null, failure));
  }

  /** Ends every open stream, so a shutting-down node does not wait for them. */
  public void closeStreams() {
    streams.closeAll();
  }

  private void initialize(RoutingContext ctx, Object id, JsonObject params) {
    String requested = params.getString("protocolVersion");
    String version = requested != null && VERSIONS.contains(requested) ? requested : VERSIONS.get(0);
    JsonObject declared = params.getJsonObject("capabilities", new JsonObject());
    List<String> capabilities = CLIENT_CAPABILITIES.stream().filter(declared::containsKey).toList();
    bus.<McpSession>request(McpSessionAddresses.OPEN, new McpSession(null, null, version, null, capabilities), ctx)
      .onSuccess(session -> {
        ctx.response().putHeader(SESSION_HEADER, session.id());
        result(ctx, id, new JsonObject()
          .put("protocolVersion", version)
          .put("capabilities", new JsonObject()
            .put("tools", new JsonObject().put("listChanged", true))
            .put("logging", new JsonObject())
            .put("completions", new JsonObject())
            .put("prompts", new JsonObject().put("listChanged", false))
            .put("resources", new JsonObject().put("subscribe", true).put("listChanged", false)))
          .put("serverInfo", new JsonObject().put("name", "agentmesh").put("version", "0.1.0"))
          .put("instructions", "Tools of the agentmesh platform, called as the signed-in user."));
      })
      .onFailure(ctx::fail);
  }

  private void dispatch(RoutingContext ctx, McpSession session, Object id, String method, JsonObject params) {
    Principal caller = Principals.of(ctx);
    String scope = McpScopes.needed(method, params);
    if (scope != null && !caller.isGuest() && !caller.hasScope(scope)) {
      error(ctx, 200, id, FORBIDDEN, "Forbidden: " + method + " needs the scope " + scope + ".");
      return;
    }
    switch (method) {
      case "ping" -> result(ctx, id, new JsonObject());
      case "logging/setLevel" -> setLevel(ctx, session, id, params);
      case "tools/list" -> listTools(ctx, id, params);
      case "tools/call" -> callTool(ctx, session, id, params);
      case "prompts/list" -> answer(ctx, id, content.listPrompts(ctx), -32602);
      case "prompts/get" -> answer(ctx, id, content.getPrompt(ctx, params), -32602);
      case "resources/list" -> answer(ctx, id, content.listResources(ctx), -32602);
      case "resources/read" -> answer(ctx, id, content.readResource(ctx, params), -32002);
      case "resources/templates/list" -> answer(ctx, id, content.listTemplates(ctx), -32602);
      case "resources/subscribe", "resources/unsubscribe" -> subscription(ctx, session, id, method, params);
      case "completion/complete" -> answer(ctx, id, content.complete(ctx, params), -32602);
      default -> error(ctx, 200, id, -32601, "Method not found: " + method);
    }
  }

  /** The session's minimum log level, for every node (others see it within their session caches' lifetimes). */
  private void setLevel(RoutingContext ctx, McpSession session, Object id, JsonObject params) {
    Object level = params.getValue("level");
    if (!(level instanceof String name) || !McpSession.LEVELS.contains(name)) {
      error(ctx, 200, id, -32602, "Invalid params: level must be one of " + McpSession.LEVELS);
      return;
    }
    checked.remove(session.id());
    bus.request(McpSessionAddresses.SET_LEVEL, new McpSession(session.id(), null, null, name), ctx)
      .onSuccess(done -> result(ctx, id, new JsonObject())).onFailure(ctx::fail);
  }

  /** Subscribing needs a resource the caller can read (-32002 otherwise); unsubscribing always answers. */
  private void subscription(RoutingContext ctx, McpSession session, Object id, String method, JsonObject params) {
    String uri = params.getString("uri", "");
    McpSubscription subscription = new McpSubscription(session.id(), uri);
    Future<JsonObject> done = method.equals("resources/unsubscribe")
      ? bus.request(McpSessionAddresses.UNSUBSCRIBE, subscription, ctx).map(ok -> new JsonObject())
      : content.readResource(ctx, new JsonObject().put("uri", uri))
        .compose(readable -> bus.request(McpSessionAddresses.SUBSCRIBE, subscription, ctx))
        .map(ok -> new JsonObject());
    answer(ctx, id, done, -32002);
  }

  /** A result, or for something the caller may not see the JSON-RPC error {@code notFoundCode}. */
  private static void answer(RoutingContext ctx, Object id, Future<JsonObject> result, int notFoundCode) {
    result.onSuccess(body -> result(ctx, id, body)).onFailure(failure -> {
      if (McpContent.notFound(failure)) {
        error(ctx, 200, id, notFoundCode, "Not found: " + failure.getMessage());
      } else if (failure instanceof DomainException domain && domain.code() == ErrorCode.FORBIDDEN) {
        error(ctx, 200, id, FORBIDDEN, "Forbidden: " + domain.getMessage());
      } else if (failure instanceof DomainException domain && domain.code() == ErrorCode.VALIDATION_FAILED) {
        error(ctx, 200, id, -32602, "Invalid params: " + domain.getMessage() + " " + domain.errors().stream()
          .map(e -> e.field() + ": " + e.reason()).toList());
      } else {
        ctx.fail(failure);
      }
    });
  }

  private void listTools(RoutingContext ctx, Object id, JsonObject params) {
    String after = decodeCursor(params.getString("cursor"));
    if (params.getString("cursor") != null && after == null) {
      error(ctx, 200, id, -32602, "Invalid params: unknown cursor.");
      return;
    }
    bus.<ToolPage>request(ToolsAddresses.LIST, new ToolQuery(null, PAGE, "asc", after, null), ctx)
      .onSuccess(page -> {
        JsonArray tools = new JsonArray();
        page.data().forEach(tool -> tools.add(describe(tool)));
        JsonObject body = new JsonObject().put("tools", tools);
        if (page.hasMore()) {
          body.put("nextCursor", Base64.getUrlEncoder().withoutPadding()
            .encodeToString(("after:" + page.lastId()).getBytes(StandardCharsets.UTF_8)));
        }
        result(ctx, id, body);
      })
      .onFailure(ctx::fail);
  }

  /**
   * Runs a tool as the caller. The answer is one JSON body, or a server-sent event stream once the call has
   * something to say first: progress (with {@code _meta.progressToken}), log messages at the session's level, the
   * tool's own requests to the client (sampling, elicitation). A cancellation ends the call without a response.
   */
  private void callTool(RoutingContext ctx, McpSession session, Object id, JsonObject params) {
    String sessionId = session.id();
    Object name = params.getValue("name");
    Object arguments = params.getValue("arguments");
    if (!(name instanceof String tool) || arguments != null && !(arguments instanceof JsonObject)) {
      error(ctx, 200, id, -32602, "Invalid params: tools/call needs a string name and an object of arguments.");
      return;
    }
    Object progressToken = params.getJsonObject("_meta", new JsonObject()).getValue("progressToken");
    McpExchange exchange = relay.open(ctx, session, progressToken);
    String requestId = Json.encode(id);
    if (!calls.track(sessionId, requestId, exchange::abandon)) {
      exchange.respond(rpcError(id, -32600, "Invalid request: id " + requestId + " is already in flight in this "
        + "session; ids must be unique."));
      return;
    }
    exchange.progress(0, null, "started");
    exchange.log("debug", "agentmesh", "calling tool " + tool);
    Map<String, Object> args = arguments == null ? Map.of() : ((JsonObject) arguments).getMap();
    bus.<ToolResult>request(ToolsAddresses.INVOKE, new ToolCall(tool, args), ctx, relay.headers(exchange))
      .onComplete(done -> {
        if (!calls.complete(sessionId, requestId)) {
          return; // cancelled: no response follows
        }
        exchange.progress(1, 1, "done");
        exchange.respond(outcome(ctx, exchange, id, tool, done));
      });
  }

  private static JsonObject outcome(RoutingContext ctx, McpExchange exchange, Object id, String tool,
                                    AsyncResult<ToolResult> done) {
    if (done.succeeded()) {
      ToolResult outcome = done.result();
      if (outcome.isError() && exchange.streaming()) {
        exchange.log("error", "agentmesh", "tool " + tool + " failed: " + outcome.text());
      }
      return rpcResult(id, toolResult(outcome));
    }
    Throwable failure = done.cause();
    if (failure instanceof DomainException domain && domain.code() == ErrorCode.NOT_FOUND) {
      return rpcError(id, -32602, "Unknown tool: " + tool);
    }
    if (failure instanceof DomainException domain && (domain.code() == ErrorCode.VALIDATION_FAILED
      || domain.code() == ErrorCode.FORBIDDEN)) {
      String detail = domain.errors().isEmpty() ? domain.getMessage() : domain.getMessage() + " "
        + domain.errors().stream().map(e -> e.field() + ": " + e.reason()).toList();
      return rpcResult(id, toolResult(new ToolResult(tool, null, detail, true)));
    }
    return rpcError(id, -32603, "Internal error; quote request id " + RequestIds.of(ctx) + ".");
  }

  /** MCP's CallToolResult: the tool's own content blocks, or its text; structured data when it has a map. */
  private static JsonObject toolResult(ToolResult outcome) {
    JsonArray content = new JsonArray();
    if (outcome.content() != null) {
      outcome.content().forEach(block -> content.add(new JsonObject(Json.encode(block))));
    } else {
      content.add(new JsonObject().put("type", "text").put("text", outcome.text()));
    }
    JsonObject result = new JsonObject().put("content", content).put("isError", outcome.isError());
    if (outcome.structuredContent() instanceof Map<?, ?> map) {
      result.put("structuredContent", new JsonObject(Json.encode(map)));
    }
    return result;
  }

  private static JsonObject describe(ToolDefinition tool) {
    JsonObject json = new JsonObject().put("name", tool.name()).put("title", tool.title())
      .put("description", tool.description()).put("inputSchema", new JsonObject(Json.encode(tool.inputSchema())));
    if (tool.outputSchema() != null) {
      json.put("outputSchema", new JsonObject(Json.encode(tool.outputSchema())));
    }
    if (tool.annotations() != null) {
      json.put("annotations", new JsonObject().put("readOnlyHint", tool.annotations().readOnlyHint())
        .put("destructiveHint", tool.annotations().destructiveHint())
        .put("idempotentHint", tool.annotations().idempotentHint())
        .put("openWorldHint", tool.annotations().openWorldHint()));
    }
    return json;
  }

  private static String decodeCursor(String cursor) {
    if (cursor == null) {
      return null;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      return decoded.startsWith("after:") ? decoded.substring("after:".length()) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void sessionFailure(RoutingContext ctx, Object id, Throwable failure) {
    if (failure instanceof DomainException domain && domain.code() == ErrorCode.NOT_FOUND) {
      error(ctx, 404, id, -32001, "Session not found: initialize a new one.");
    } else {
      ctx.fail(failure);
    }
  }

  private static void result(RoutingContext ctx, Object id, JsonObject result) {
    send(ctx, 200, rpcResult(id, result));
  }

  private static void error(RoutingContext ctx, int status, Object id, int code, String message) {
    send(ctx, status, rpcError(id, code, message));
  }

  static JsonObject rpcResult(Object id, JsonObject result) {
    return new JsonObject().put("jsonrpc", "2.0").put("id", id).put("result", result);
  }

  static JsonObject rpcError(Object id, int code, String message) {
    return new JsonObject().put("jsonrpc", "2.0").put("id", id)
      .put("error", new JsonObject().put("code", code).put("message", message));
  }

  private static void send(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
