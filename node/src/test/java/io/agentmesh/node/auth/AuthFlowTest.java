package io.agentmesh.node.auth;

import io.agentmesh.contract.auth.AuthAddresses;
import io.agentmesh.contract.auth.UserDeleted;
import io.agentmesh.node.Node;
import io.agentmesh.node.TestNodes;
import io.agentmesh.testing.FreePorts;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.agentmesh.node.auth.Api.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Accounts and tokens through the gateway")
class AuthFlowTest {

  private static Node node;
  private static Api api;

  @BeforeAll
  static void start() {
    JsonObject config = TestNodes.config(TestClusters.newClusterName(), FreePorts.next());
    config.getJsonObject("http").put("cors_origins", "https://app.example.com");
    node = TestNodes.start(config, "gateway,auth");
    api = new Api(node.config().httpPort());
  }

  @AfterAll
  static void stop() {
    api.close();
    node.stop();
  }

  @Test
  @DisplayName("register: 201 with Location; a taken name 409; invalid fields all listed in a 422; bad JSON 400")
  void register() {
    String name = api.newUser("reg");
    HttpResponse<Buffer> again = api.post("/api/v1/auth/register", null, new JsonObject().put("username", name)
      .put("email", "other-" + name + "@example.com").put("password", PASSWORD));
    assertThat(again.statusCode()).isEqualTo(409);
    HttpResponse<Buffer> invalid = api.post("/api/v1/auth/register", null, new JsonObject().put("username", "x")
      .put("email", "not-an-email").put("password", "short"));
    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(Api.json(invalid).getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
      .contains("username", "email", "password");
    HttpResponse<Buffer> common = api.post("/api/v1/auth/register", null, new JsonObject().put("username", "c_" + name)
      .put("email", "c-" + name + "@example.com").put("password", "iloveyou"));
    assertThat(Api.json(common).getJsonArray("errors").getJsonObject(0).getString("reason")).contains("common");
    HttpResponse<Buffer> malformed = api.call(HttpMethod.POST, "/api/v1/auth/register", null, null,
      Map.of("Content-Type", "application/json"));
    assertThat(malformed.statusCode()).isEqualTo(400);
    HttpResponse<Buffer> huge = api.post("/api/v1/auth/login", null, new JsonObject().put("username", name)
      .put("password", "x".repeat(20_000)));
    assertThat(huge.statusCode()).as("auth routes take small bodies").isEqualTo(413);
  }

  @Test
  @DisplayName("login answers OAuth-style tokens; unknown user and wrong password get the same 401 body")
  void login() {
    String name = api.newUser("login");
    JsonObject tokens = api.login(name, PASSWORD);
    assertThat(tokens.getString("token_type")).isEqualTo("Bearer");
    assertThat(tokens.getLong("expires_in")).isEqualTo(900L);
    assertThat(Api.json(api.get("/api/v1/auth/me", tokens.getString("access_token"))).getString("username"))
      .isEqualTo(name);
    HttpResponse<Buffer> wrong = api.post("/api/v1/auth/login", null, new JsonObject().put("username", name)
      .put("password", "not the password"));
    HttpResponse<Buffer> unknown = api.post("/api/v1/auth/login", null, new JsonObject().put("username", "nobody_" + name)
      .put("password", "not the password"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(withoutRequestId(Api.json(wrong))).isEqualTo(withoutRequestId(Api.json(unknown)));
  }

  @Test
  @DisplayName("refresh rotates; presenting a used refresh token ends the whole login, access tokens included")
  void refreshReuse() {
    String name = api.newUser("reuse");
    JsonObject first = api.login(name, PASSWORD);
    HttpResponse<Buffer> rotated = refresh(first.getString("refresh_token"));
    assertThat(rotated.statusCode()).isEqualTo(200);
    JsonObject second = Api.json(rotated);
    assertThat(second.getString("refresh_token")).isNotEqualTo(first.getString("refresh_token"));

    assertThat(refresh(first.getString("refresh_token")).statusCode()).isEqualTo(401);
    assertThat(refresh(second.getString("refresh_token")).statusCode()).as("the newest of the family").isEqualTo(401);
    assertThat(api.get("/api/v1/auth/me", second.getString("access_token")).statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("20 concurrent refreshes with one token: exactly one new pair, and the family ends revoked")
  void concurrentRefreshes() throws Exception {
    String name = api.newUser("race");
    String token = api.login(name, PASSWORD).getString("refresh_token");
    List<CompletableFuture<HttpResponse<Buffer>>> racers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      racers.add(CompletableFuture.supplyAsync(() -> refresh(token)));
    }
    List<HttpResponse<Buffer>> results = new ArrayList<>();
    for (CompletableFuture<HttpResponse<Buffer>> racer : racers) {
      results.add(racer.get(60, TimeUnit.SECONDS));
    }
    List<HttpResponse<Buffer>> winners = results.stream().filter(r -> r.statusCode() == 200).toList();
    assertThat(winners).hasSize(1);
    assertThat(results.stream().filter(r -> r.statusCode() == 401)).hasSize(19);
    assertThat(refresh(Api.json(winners.get(0)).getString("refresh_token")).statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("logout ends the login: its refresh and access tokens stop working")
  void logout() {
    String name = api.newUser("bye");
    JsonObject tokens = api.login(name, PASSWORD);
    assertThat(api.post("/api/v1/auth/logout", null, new JsonObject()
      .put("refresh_token", tokens.getString("refresh_token"))).statusCode()).isEqualTo(204);
    assertThat(refresh(tokens.getString("refresh_token")).statusCode()).isEqualTo(401);
    assertThat(api.get("/api/v1/auth/me", tokens.getString("access_token")).statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("a user sees and ends their own logins; logout-all ends every one")
  void logins() {
    String name = api.newUser("devices");
    JsonObject laptop = api.login(name, PASSWORD);
    JsonObject phone = api.login(name, PASSWORD);
    JsonArray logins = Api.json(api.get("/api/v1/auth/logins", laptop.getString("access_token"))).getJsonArray("data");
    assertThat(logins).hasSize(2);
    String phoneLogin = logins.getJsonObject(0).getString("id");
    assertThat(logins.getJsonObject(0).getString("address")).isEqualTo("127.0.0.1");
    assertThat(api.delete("/api/v1/auth/logins/" + phoneLogin, laptop.getString("access_token")).statusCode())
      .isEqualTo(204);
    assertThat(api.get("/api/v1/auth/me", phone.getString("access_token")).statusCode()).isEqualTo(401);
    assertThat(api.get("/api/v1/auth/me", laptop.getString("access_token")).statusCode()).isEqualTo(200);

    assertThat(api.post("/api/v1/auth/logout-all", laptop.getString("access_token"), null).statusCode()).isEqualTo(204);
    assertThat(api.get("/api/v1/auth/me", laptop.getString("access_token")).statusCode()).isEqualTo(401);
    assertThat(refresh(laptop.getString("refresh_token")).statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("changing the password needs the current one and ends every other login")
  void changePassword() {
    String name = api.newUser("pw");
    JsonObject here = api.login(name, PASSWORD);
    JsonObject elsewhere = api.login(name, PASSWORD);
    String token = here.getString("access_token");
    HttpResponse<Buffer> wrong = api.post("/api/v1/auth/password", token, new JsonObject()
      .put("current_password", "nope nope").put("new_password", "a brand new passphrase"));
    assertThat(wrong.statusCode()).isEqualTo(422);
    assertThat(api.post("/api/v1/auth/password", token, new JsonObject().put("current_password", PASSWORD)
      .put("new_password", "a brand new passphrase")).statusCode()).isEqualTo(204);
    assertThat(api.get("/api/v1/auth/me", token).statusCode()).as("this login").isEqualTo(200);
    assertThat(api.get("/api/v1/auth/me", elsewhere.getString("access_token")).statusCode()).isEqualTo(401);
    assertThat(api.post("/api/v1/auth/login", null, new JsonObject().put("username", name).put("password", PASSWORD))
      .statusCode()).isEqualTo(401);
    api.login(name, "a brand new passphrase");
  }

  @Test
  @DisplayName("API keys: shown once, work as Bearer or X-API-Key, never above the owner's rights, revocable")
  void apiKeys() {
    String name = api.newUser("keys");
    String token = api.accessToken(name);
    HttpResponse<Buffer> tooMuch = api.post("/api/v1/auth/api-keys", token, new JsonObject().put("name", "root")
      .put("scopes", new JsonArray().add("admin")));
    assertThat(tooMuch.statusCode()).isEqualTo(422);
    JsonObject created = Api.json(api.post("/api/v1/auth/api-keys", token, new JsonObject().put("name", "ci")
      .put("scopes", new JsonArray().add("agents:read"))));
    String key = created.getString("key");
    String keyId = created.getJsonObject("api_key").getString("id");
    assertThat(key).startsWith(created.getJsonObject("api_key").getString("prefix"));
    assertThat(api.get("/api/v1/auth/me", key).statusCode()).isEqualTo(200);
    assertThat(api.call(HttpMethod.GET, "/api/v1/auth/me", null, null, Map.of("X-API-Key", key)).statusCode())
      .isEqualTo(200);
    JsonArray listed = Api.json(api.get("/api/v1/auth/api-keys", token)).getJsonArray("data");
    assertThat(listed.encode()).contains(keyId).doesNotContain(key);
    assertThat(api.delete("/api/v1/auth/api-keys/" + keyId, token).statusCode()).isEqualTo(204);
    assertThat(api.get("/api/v1/auth/me", key).statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("an admin key loses its admin scope the moment its owner is demoted")
  void demotionNarrowsKeys() {
    String name = api.newUser("boss");
    String rootToken = api.accessToken(TestNodes.ADMIN, TestNodes.ADMIN_PASSWORD);
    String bossId = Api.json(api.get("/api/v1/auth/me", api.accessToken(name))).getString("id");
    assertThat(api.call(HttpMethod.PATCH, "/api/v1/users/" + bossId, rootToken,
      new JsonObject().put("roles", new JsonArray().add("admin").add("user"))).statusCode()).isEqualTo(200);
    String bossToken = api.accessToken(name);
    String key = Api.json(api.post("/api/v1/auth/api-keys", bossToken, new JsonObject().put("name", "ops")
      .put("scopes", new JsonArray().add("admin")))).getString("key");
    assertThat(api.get("/api/v1/users", key).statusCode()).isEqualTo(200);

    api.call(HttpMethod.PATCH, "/api/v1/users/" + bossId, rootToken,
      new JsonObject().put("roles", new JsonArray().add("user")));
    assertThat(api.get("/api/v1/users", key).statusCode()).isEqualTo(403);
    assertThat(api.get("/api/v1/users", bossToken).statusCode()).as("the old admin token").isEqualTo(401);
  }

  @Test
  @DisplayName("admins list users page by page, disable a user (tokens die at once) and read the audit log")
  void administration() {
    String name = api.newUser("victim");
    String victimToken = api.accessToken(name);
    String root = api.accessToken(TestNodes.ADMIN, TestNodes.ADMIN_PASSWORD);
    assertThat(api.get("/api/v1/users", victimToken).statusCode()).isEqualTo(403);
    JsonObject page = Api.json(api.get("/api/v1/users?limit=2&order=asc", root));
    assertThat(page.getString("object")).isEqualTo("list");
    assertThat(page.getJsonArray("data")).hasSize(2);
    assertThat(page.getBoolean("has_more")).isTrue();
    JsonObject next = Api.json(api.get("/api/v1/users?limit=2&order=asc&after=" + page.getString("last_id"), root));
    assertThat(next.getJsonArray("data").getJsonObject(0).getString("id")).isGreaterThan(page.getString("last_id"));
    assertThat(api.get("/api/v1/users?limit=0", root).statusCode()).isEqualTo(422);

    String victimId = Api.json(api.get("/api/v1/auth/me", victimToken)).getString("id");
    assertThat(api.call(HttpMethod.PATCH, "/api/v1/users/" + victimId, root, new JsonObject().put("disabled", true))
      .statusCode()).isEqualTo(200);
    assertThat(api.get("/api/v1/auth/me", victimToken).statusCode()).isEqualTo(401);
    assertThat(api.post("/api/v1/auth/login", null, new JsonObject().put("username", name).put("password", PASSWORD))
      .statusCode()).isEqualTo(401);

    JsonArray events = Api.json(api.get("/api/v1/audit?limit=100", root)).getJsonArray("data");
    assertThat(events.encode()).contains("user.updated", "login.succeeded", victimId);
  }

  @Test
  @DisplayName("deleting one's account announces user.deleted to every domain and ends every credential")
  void deleteAccount() throws Exception {
    String name = api.newUser("gone");
    String token = api.accessToken(name);
    String id = Api.json(api.get("/api/v1/auth/me", token)).getString("id");
    CompletableFuture<UserDeleted> announced = new CompletableFuture<>();
    TestNodes.await(node.vertx().eventBus().<UserDeleted>consumer(AuthAddresses.USER_DELETED,
      message -> announced.complete(message.body())).completion());
    assertThat(api.delete("/api/v1/auth/me", token).statusCode()).isEqualTo(204);
    assertThat(announced.get(10, TimeUnit.SECONDS).userId()).isEqualTo(id);
    assertThat(api.get("/api/v1/auth/me", token).statusCode()).isEqualTo(401);
    assertThat(api.post("/api/v1/auth/login", null, new JsonObject().put("username", name).put("password", PASSWORD))
      .statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("user B gets 404 on every object route of user A")
  void objectIsolation() {
    String alice = api.accessToken(api.newUser("alice"));
    String bob = api.accessToken(api.newUser("bob"));
    String aliceLogin = Api.json(api.get("/api/v1/auth/logins", alice)).getJsonArray("data").getJsonObject(0)
      .getString("id");
    String aliceKey = Api.json(api.post("/api/v1/auth/api-keys", alice, new JsonObject().put("name", "a")
      .put("scopes", new JsonArray().add("agents:read")))).getJsonObject("api_key").getString("id");
    assertThat(api.delete("/api/v1/auth/logins/" + aliceLogin, bob).statusCode()).isEqualTo(404);
    assertThat(api.delete("/api/v1/auth/api-keys/" + aliceKey, bob).statusCode()).isEqualTo(404);
    assertThat(Api.json(api.get("/api/v1/auth/api-keys", bob)).getJsonArray("data")).isEmpty();
    assertThat(api.get("/api/v1/auth/me", alice).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("every response carries security headers; CORS answers only the configured origin")
  void headers() {
    HttpResponse<Buffer> response = api.get("/api/v1/auth/me", null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
    assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(response.getHeader("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
    HttpResponse<Buffer> allowed = api.call(HttpMethod.OPTIONS, "/api/v1/auth/me", null, null, Map.of(
      "Origin", "https://app.example.com", "Access-Control-Request-Method", "GET"));
    assertThat(allowed.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
    HttpResponse<Buffer> refused = api.call(HttpMethod.OPTIONS, "/api/v1/auth/me", null, null, Map.of(
      "Origin", "https://evil.example.com", "Access-Control-Request-Method", "GET"));
    assertThat(refused.getHeader("Access-Control-Allow-Origin")).isNull();
  }

  private static HttpResponse<Buffer> refresh(String token) {
    return api.post("/api/v1/auth/refresh", null, new JsonObject().put("refresh_token", token));
  }

  private static JsonObject withoutRequestId(JsonObject problem) {
    JsonObject copy = problem.copy();
    copy.remove("request_id");
    return copy;
  }
}
