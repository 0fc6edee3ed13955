package io.agentmesh.verticles.mcp;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.streams.SseReader;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * This node's MCP client of one federated server (Streamable HTTP): initialize, tools/list (every page),
 * tools/call, and a GET stream for {@code notifications/tools/list_changed}. Only the server's own credentials are
 * sent, never a caller's. Transport failures (refused, 5xx, timeouts) go through a circuit breaker: after
 * {@value #MAX_FAILURES} in a row calls fail fast until a probe gets through. An expired session is opened again once.
 */
final class UpstreamClient {

  private static final int MAX_FAILURES = 3;
  private static final long RESET_MS = 10_000;
  private static final long WATCH_RETRY_MS = 5_000;
  private static final String VERSION = "2025-11-25";

  final String name;
  private final Vertx vertx;
  private final String url;
  private final Map<String, String> credentials;
  private final WebClient web;
  private final HttpClient http;
  private final CircuitBreaker breaker;
  private String session;
  private Future<Void> connected;
  private long ids;
  private boolean closed;

  UpstreamClient(Vertx vertx, WebClient web, HttpClient http, String name, String url,
                 Map<String, String> credentials, long timeoutMs) {
    this.vertx = vertx;
    this.web = web;
    this.http = http;
    this.name = name;
    this.url = url;
    this.credentials = Map.copyOf(credentials);
    this.breaker = CircuitBreaker.create("mcp-upstream-" + name, vertx, new CircuitBreakerOptions()
      .setMaxFailures(MAX_FAILURES).setTimeout(timeoutMs).setResetTimeout(RESET_MS));
  }

  boolean open() {
    return breaker.state() != CircuitBreakerState.CLOSED;
  }

  /** Every tool the server lists, following its cursors. */
  Future<List<JsonObject>> listTools() {
    return page(null, new ArrayList<>());
  }

  /** tools/call; the server's CallToolResult. */
  Future<JsonObject> call(String tool, Map<String, Object> arguments) {
    return request("tools/call", new JsonObject().put("name", tool).put("arguments", new JsonObject(arguments)));
  }

  /** Follows the server's GET stream; {@code onListChanged} runs on each tools/list_changed. Reconnects. */
  void watch(Runnable onListChanged) {
    if (closed) {
      return;
    }
    connect().compose(ok -> {
      RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
        .addHeader("Accept", "text/event-stream").addHeader("MCP-Session-Id", session)
        .addHeader("MCP-Protocol-Version", VERSION);
      credentials.forEach(options::addHeader);
      return http.request(options).compose(request -> request.send()).compose(response -> {
        if (response.statusCode() != 200) {
          return Future.failedFuture("GET stream: HTTP " + response.statusCode());
        }
        SseReader reader = new SseReader(data -> {
          if (data.contains("notifications/tools/list_changed")) {
            onListChanged.run();
          }
        });
        response.handler(reader::feed);
        return response.end();
      });
    }).onComplete(ended -> {
      if (!closed) {
        vertx.setTimer(WATCH_RETRY_MS, t -> watch(onListChanged));
      }
    });
  }

  void close() {
    closed = true;
    breaker.close();
  }

  private Future<List<JsonObject>> page(String cursor, List<JsonObject> tools) {
    JsonObject params = cursor == null ? new JsonObject() : new JsonObject().put("cursor", cursor);
    return request("tools/list", params).compose(result -> {
      result.getJsonArray("tools", new JsonArray()).forEach(tool -> tools.add((JsonObject) tool));
      String next = result.getString("nextCursor");
      return next == null || tools.size() > 10_000 ? Future.succeededFuture(tools) : page(next, tools);
    });
  }

  /** A request in the session; a lost session (404) is opened again once. A JSON-RPC error fails the future. */
  private Future<JsonObject> request(String method, JsonObject params) {
    return breaker.<JsonObject>execute(() -> connect().compose(ok -> exchange(method, params)).recover(failure -> {
      if (failure instanceof SessionLost) {
        connected = null;
        return connect().compose(ok -> exchange(method, params));
      }
      return Future.failedFuture(failure);
    })).compose(UpstreamClient::result);
  }

  private Future<Void> connect() {
    if (connected == null) {
      connected = initialize().onFailure(failed -> connected = null);
    }
    return connected;
  }

  private Future<Void> initialize() {
    session = null;
    JsonObject params = new JsonObject().put("protocolVersion", VERSION).put("capabilities", new JsonObject())
      .put("clientInfo", new JsonObject().put("name", "agentmesh-federation").put("version", "0.1.0"));
    return post(message("initialize", params)).compose(response -> {
      session = response.getHeader("MCP-Session-Id");
      return answer(response, "initialize");
    }).compose(result -> post(new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/initialized")))
      .mapEmpty();
  }

  private Future<JsonObject> exchange(String method, JsonObject params) {
    JsonObject message = message(method, params);
    return post(message).compose(response -> {
      if (response.statusCode() == 404 && session != null) {
        return Future.failedFuture(new SessionLost());
      }
      return answer(response, method);
    });
  }

  private JsonObject message(String method, JsonObject params) {
    return new JsonObject().put("jsonrpc", "2.0").put("id", ++ids).put("method", method).put("params", params);
  }

  private Future<HttpResponse<Buffer>> post(JsonObject message) {
    var request = web.postAbs(url).putHeader("Accept", "application/json, text/event-stream")
      .putHeader("Content-Type", "application/json");
    if (session != null) {
      request.putHeader("MCP-Session-Id", session).putHeader("MCP-Protocol-Version", VERSION);
    }
    credentials.forEach(request::putHeader);
    return request.sendBuffer(message.toBuffer());
  }

  /** The JSON-RPC response in a JSON body or in the SSE stream; HTTP failures are transport failures. */
  private Future<JsonObject> answer(HttpResponse<Buffer> response, String method) {
    if (response.statusCode() >= 300) {
      return Future.failedFuture(new IllegalStateException(method + ": HTTP " + response.statusCode()));
    }
    String type = String.valueOf(response.getHeader("Content-Type"));
    if (!type.startsWith("text/event-stream")) {
      return Future.succeededFuture(response.bodyAsJsonObject());
    }
    List<JsonObject> messages = new ArrayList<>();
    SseReader reader = new SseReader(data -> messages.add(new JsonObject(data)));
    reader.feed(response.body() == null ? Buffer.buffer() : response.body());
    reader.end();
    return messages.stream().filter(m -> m.containsKey("result") || m.containsKey("error")).findFirst()
      .map(Future::succeededFuture)
      .orElseGet(() -> Future.failedFuture(new IllegalStateException(method + ": the stream held no response")));
  }

  private static Future<JsonObject> result(JsonObject response) {
    JsonObject error = response.getJsonObject("error");
    if (error != null) {
      return Future.failedFuture(new DomainException(ErrorCode.VALIDATION_FAILED, error.getString("message")));
    }
    return Future.succeededFuture(response.getJsonObject("result", new JsonObject()));
  }

  /** The server forgot the session (restarted, expired): open a new one. */
  private static final class SessionLost extends RuntimeException {
    SessionLost() {
      super("session lost", null, false, false);
    }
  }
}
