package io.agentmesh.node.auth;

import io.agentmesh.node.TestNode;
import io.agentmesh.testing.Await;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Streams end when the credential that opened them does, with a reason the client can act on. */
@DisplayName("Streams end with their credential")
class CredentialStreamsTest {

  @RegisterExtension
  static final TestNode node = TestNode.withRoles("gateway,auth,agents,memory,mcp,tasks")
    .configure(CredentialStreamsTest::withLongScript);
  private static String root;

  @BeforeAll
  static void signInAdmin() {
    root = node.adminToken();
  }

  /** A script whose answer takes a minute: the task is still running when its credential ends. */
  private static void withLongScript(JsonObject config) {
    config.getJsonObject("providers").getJsonObject("scripted").put("scripts", new JsonObject().put("long",
      new JsonArray().add(new JsonObject().put("delay_ms", 60_000).put("deltas", new JsonArray().add("late")))));
  }

  /** A running task of a fresh user, who is signed in with {@code login}. */
  private static String longTask(String token) {
    String agent = Api.json(node.api().post("/api/v1/agents", token, new JsonObject().put("name", "long")
      .put("model", new JsonObject().put("provider", "scripted").put("name", "long")))).getString("id");
    String session = Api.json(node.api().post("/api/v1/agents/" + agent + "/sessions", token, null)).getString("id");
    return Api.json(node.api().post("/api/v1/sessions/" + session + "/tasks", token, new JsonObject().put("input",
      "go")))
      .getString("id");
  }

  /** The whole SSE body, once the server ends the stream; {@code opened} once its first bytes came. */
  private static CompletableFuture<String> sse(String path, String token, CompletableFuture<Void> opened)
    throws Exception {
    HttpClient http = node.api().vertx().createHttpClient();
    CompletableFuture<String> body = new CompletableFuture<>();
    StringBuilder text = new StringBuilder();
    Await.result(http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
        .setPort(node.port()).setURI(path).addHeader("Authorization", "Bearer " + token))
      .compose(request -> request.send()).map(response -> response.handler(chunk -> {
        text.append(chunk.toString());
        opened.complete(null);
      }).endHandler(end -> body.complete(text.toString())).exceptionHandler(body::completeExceptionally)));
    return body;
  }

  @Test
  @DisplayName("SSE: logging out ends the login's stream with stream.ended credential_revoked")
  void logoutEndsSse() throws Exception {
    String name = node.api().newUser("streamer");
    JsonObject login = node.api().login(name, Api.PASSWORD);
    String token = login.getString("access_token");
    String task = longTask(token);
    CompletableFuture<Void> opened = new CompletableFuture<>();
    CompletableFuture<String> stream = sse("/api/v1/tasks/" + task + "/events", token, opened);
    opened.get(10, TimeUnit.SECONDS);
    assertThat(node.api().post("/api/v1/auth/logout", null, new JsonObject().put("refresh_token",
      login.getString("refresh_token"))).statusCode()).isEqualTo(204);
    String body = stream.get(10, TimeUnit.SECONDS);
    assertThat(body).contains("event: stream.ended").contains("credential_revoked");
  }

  @Test
  @DisplayName("SSE and WebSocket: disabling the user ends both; a revoked API key ends its WebSocket with 1008")
  void disableAndKeyRevocation() throws Exception {
    String name = node.api().newUser("watched");
    String token = node.api().accessToken(name);
    String userId = Api.json(node.api().get("/api/v1/auth/me", token)).getString("id");
    String task = longTask(token);
    JsonObject key = Api.json(node.api().post("/api/v1/auth/api-keys", token, new JsonObject().put("name", "ws")
      .put("scopes", new JsonArray().add("tasks:read"))));
    WebSocket byKey = webSocket(key.getString("key"));
    CompletableFuture<String> keyClosed = closed(byKey);
    assertThat(node.api().delete("/api/v1/auth/api-keys/" + key.getJsonObject("api_key").getString("id"), token)
      .statusCode()).isEqualTo(204);
    assertThat(keyClosed.get(10, TimeUnit.SECONDS)).isEqualTo("1008 credential_revoked");

    CompletableFuture<Void> opened = new CompletableFuture<>();
    CompletableFuture<String> stream = sse("/api/v1/tasks/" + task + "/events", token, opened);
    opened.get(10, TimeUnit.SECONDS);
    WebSocket byToken = webSocket(token);
    CompletableFuture<String> tokenClosed = closed(byToken);
    assertThat(node.api().call(HttpMethod.PATCH, "/api/v1/users/" + userId, root, new JsonObject().put("disabled",
      true))
      .statusCode()).isEqualTo(200);
    assertThat(stream.get(10, TimeUnit.SECONDS)).contains("credential_revoked");
    assertThat(tokenClosed.get(10, TimeUnit.SECONDS)).isEqualTo("1008 credential_revoked");
  }

  private static WebSocket webSocket(String credential) throws Exception {
    return Await.result(node.api().vertx().createWebSocketClient().connect(new WebSocketConnectOptions()
      .setHost("127.0.0.1")
      .setPort(node.port()).setURI("/api/v1/stream").addHeader("Authorization", "Bearer " + credential)));
  }

  private static CompletableFuture<String> closed(WebSocket socket) {
    CompletableFuture<String> closed = new CompletableFuture<>();
    socket.closeHandler(v -> closed.complete(socket.closeStatusCode() + " " + socket.closeReason()));
    return closed;
  }
}
