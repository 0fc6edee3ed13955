package io.agentmesh.node.auth;

import io.agentmesh.streams.SseReader;
import io.agentmesh.testing.Await;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;


/** A blocking HTTP client for tests against one node's gateway, with the platform's auth calls. */
public final class Api implements AutoCloseable {

  public static final String PASSWORD = "correct horse battery staple";

  private final Vertx vertx = Vertx.vertx();
  private final WebClient client;

  public Api(int port) {
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
      new PoolOptions().setHttp1MaxSize(64));
  }

  public HttpResponse<Buffer> call(HttpMethod method, String path, String token, JsonObject body) {
    return call(method, path, token, body, Map.of());
  }

  public HttpResponse<Buffer> call(HttpMethod method, String path, String token, JsonObject body,
                                   Map<String, String> headers) {
    HttpRequest<Buffer> request = client.request(method, path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    headers.forEach(request::putHeader);
    try {
      return Await.result(body == null ? request.send() : request.sendJsonObject(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** POSTs a body exactly as given (for malformed or non-object JSON). */
  public HttpResponse<Buffer> postRaw(String path, String token, String body, Map<String, String> headers) {
    HttpRequest<Buffer> request = client.request(HttpMethod.POST, path).putHeader("Content-Type", "application/json");
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    headers.forEach(request::putHeader);
    try {
      return Await.result(request.sendBuffer(Buffer.buffer(body)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<Buffer> get(String path, String token) {
    return call(HttpMethod.GET, path, token, null);
  }

  public HttpResponse<Buffer> post(String path, String token, JsonObject body) {
    return call(HttpMethod.POST, path, token, body);
  }

  public HttpResponse<Buffer> delete(String path, String token) {
    return call(HttpMethod.DELETE, path, token, null);
  }

  /** Registers a fresh user with a unique name; answers the name. */
  public String newUser(String prefix) {
    String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<Buffer> response = post("/api/v1/auth/register", null, new JsonObject().put("username", name)
      .put("email", name + "@example.com").put("password", PASSWORD));
    if (response.statusCode() != 201) {
      throw new IllegalStateException("register " + response.statusCode() + " " + response.bodyAsString());
    }
    return name;
  }

  public JsonObject login(String username, String password) {
    HttpResponse<Buffer> response = post("/api/v1/auth/login", null, new JsonObject().put("username", username)
      .put("password", password));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("login " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  public String accessToken(String username) {
    return accessToken(username, PASSWORD);
  }

  public String accessToken(String username, String password) {
    return login(username, password).getString("access_token");
  }

  public static JsonObject json(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject();
  }

  /**
   * A whole server-sent event stream that ends by itself (a task's, an ingest job's), each event's data parsed;
   * {@code lastEventId} null starts from the first.
   */
  public List<JsonObject> eventStream(String path, String token, String lastEventId) {
    HttpResponse<Buffer> response = call(HttpMethod.GET, path, token, null,
      lastEventId == null ? Map.of() : Map.of("Last-Event-ID", lastEventId));
    if (response.statusCode() != 200 || !"text/event-stream".equals(response.getHeader("Content-Type"))) {
      throw new AssertionError("not an event stream: " + response.statusCode() + " " + response.bodyAsString());
    }
    List<JsonObject> events = new ArrayList<>();
    SseReader reader = new SseReader(data -> events.add(new JsonObject(data)));
    reader.feed(response.body());
    reader.end();
    return events;
  }

  /** One MCP request in a session of its own (initialize first), over {@code /mcp}; the JSON-RPC answer. */
  public JsonObject mcp(String token, String method, JsonObject params) {
    HttpResponse<Buffer> init = call(HttpMethod.POST, "/mcp", token, new JsonObject().put("jsonrpc", "2.0")
      .put("id", 0).put("method", "initialize").put("params", new JsonObject().put("protocolVersion", "2025-11-25")));
    if (init.statusCode() != 200) {
      throw new AssertionError("initialize: " + init.statusCode() + " " + init.bodyAsString());
    }
    HttpResponse<Buffer> answer = call(HttpMethod.POST, "/mcp", token, new JsonObject().put("jsonrpc", "2.0")
      .put("id", 1).put("method", method).put("params", params), Map.of("MCP-Session-Id",
      init.getHeader("MCP-Session-Id")));
    if (answer.statusCode() != 200) {
      throw new AssertionError(method + ": " + answer.statusCode() + " " + answer.bodyAsString());
    }
    return json(answer);
  }

  public static MultiMap headers(HttpResponse<Buffer> response) {
    return response.headers();
  }

  public Vertx vertx() {
    return vertx;
  }

  @Override
  public void close() {
    vertx.close();
  }
}
