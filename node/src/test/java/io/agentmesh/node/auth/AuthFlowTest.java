package io.agentmesh.node.auth;

import io.agentmesh.contract.auth.AuthAddresses;
import io.agentmesh.contract.auth.UserDeleted;
import io.agentmesh.node.TestNode;
import io.agentmesh.testing.Await;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.agentmesh.node.auth.Api.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Accounts and tokens through the gateway")
class AuthFlowTest {

  @RegisterExtension
  static final TestNode node = TestNode.withRoles("gateway,auth")
    .configure(config -> config.getJsonObject("http").put("cors_origins", "https://app.example.com"));

  @Test
  @DisplayName("register: 201 with Location; a taken name 409; invalid fields all listed in a 422; bad JSON 400")
  void register() {
    String name = node.api().newUser("reg");
    HttpResponse<Buffer> again = node.api().post("/api/v1/auth/register", null, new JsonObject().put("username", name)
      .put("email", "other-" + name + "@example.com").put("password", PASSWORD));
    assertThat(again.statusCode()).isEqualTo(409);
    HttpResponse<Buffer> invalid = node.api().post("/api/v1/auth/register", null, new JsonObject().put("username", "x")
      .put("email", "not-an-email").put("password", "short"));
    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(Api.json(invalid).getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
      .contains("username", "email", "password");
    HttpResponse<Buffer> common = node.api().post("/api/v1/auth/register", null, new JsonObject().put("username", "c_"
      + name)
      .put("email", "c-" + name + "@example.com").put("password", "iloveyou"));
    assertThat(Api.json(common).getJsonArray("errors").getJsonObject(0).getString("reason")).contains("common");
    HttpResponse<Buffer> malformed = node.api().call(HttpMethod.POST, "/api/v1/auth/register", null, null,
      Map.of("Content-Type", "application/json"));
    assertThat(malformed.statusCode()).isEqualTo(400);
    HttpResponse<Buffer> huge = node.api().post("/api/v1/auth/login", null, new JsonObject().put("username", name)
      .put("password", "x".repeat(20_000)));
    assertThat(huge.statusCode()).as("auth routes take small bodies").isEqualTo(413);
  }

  @Test
  @DisplayName("login answers OAuth-style tokens; unknown user and wrong password get the same 401 body")
  void login() {
    String name = node.api().newUser("login");
    JsonObject tokens = node.api().login(name, PASSWORD);
    assertThat(tokens.getString("token_type")).isEqualTo("Bearer");
    assertThat(tokens.getLong("expires_in")).isEqualTo(900L);
    assertThat(Api.json(node.api().get("/api/v1/auth/me", tokens.getString("access_token"))).getString("username"))
      .isEqualTo(name);
    HttpResponse<Buffer> wrong = node.api().post("/api/v1/auth/login", null, new JsonObject().put("username", name)
      .put("password", "not the password"));
    HttpResponse<Buffer> unknown = node.api().post("/api/v1/auth/login", null, new JsonObject().put("username",
      "nobody_" + name)
      .put("password", "not the password"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(withoutRequestId(Api.json(wrong))).isEqualTo(withoutRequestId(Api.json(unknown)));
  }

  @Test
  @DisplayName("refresh rotates; presenting a used refresh token ends the whole login, access tokens included")
  void refreshReuse() {
    String name = node.api().newUser("reuse");
    JsonObject first = node.api().login(name, PASSWORD);
    HttpResponse<Buffer> rotated = refresh(first.getString("refresh_token"));
    assertThat(rotated.statusCode()).isEqualTo(200);
    JsonObject second = Api.json(rotated);
    assertThat(second.getString("refresh_token")).isNotEqualTo(first.getString("refresh_token"));

    assertThat(refresh(first.getString("refresh_token")).statusCode()).isEqualTo(401);
    assertThat(refresh(second.getString("refresh_token")).statusCode()).as("the newest of the family").isEqualTo(401);
    assertThat(node.api().get("/api/v1/auth/me", second.getString("access_token")).statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("20 concurrent refreshes with one token: exactly one new pair, and the family ends revoked")
  void concurrentRefreshes() throws Exception {
    String name = node.api().newUser("race");
    String token = node.api().login(name, PASSWORD).getString("refresh_token");
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
    String name = node.api().newUser("bye");
    JsonObject tokens = node.api().login(name, PASSWORD);
    assertThat(node.api().post("/api/v1/auth/logout", null, new JsonObject()
      .put("refresh_token", tokens.getString("refresh_token"))).statusCode()).isEqualTo(204);
    assertThat(refresh(tokens.getString("refresh_token")).statusCode()).isEqualTo(401);
    assertThat(node.api().get("/api/v1/auth/me", tokens.getString("access_token")).statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("a user sees and ends their own logins; logout-all ends every one")
  void logins() {
    String name = node.api().newUser("devices");
    JsonObject laptop = node.api().login(name, PASSWORD);
    JsonObject phone = node.api().login(name, PASSWORD);
    JsonArray logins = Api.json(node.api().get("/api/v1/auth/logins", laptop.getString("access_token")))
      .getJsonArray("data");
    assertThat(logins).hasSize(2);
    String phoneLogin = logins.getJsonObject(0).getString("id");
    assertThat(logins.getJsonObject(0).getString("address")).isEqualTo("127.0.0.1");
    assertThat(node.api().delete("/api/v1/auth/logins/" + phoneLogin, laptop.getString("access_token")).statusCode())
      .isEqualTo(204);
    assertThat(node.api().get("/api/v1/auth/me", phone.getString("access_token")).statusCode()).isEqualTo(401);
    assertThat(node.api().get("/api/v1/auth/me", laptop.getString("access_token")).statusCode()).isEqualTo(200);

    assertThat(node.api().post("/api/v1/auth/logout-all", laptop.getString("access_token"), null).statusCode())
      .isEqualTo(204);
    assertThat(node.api().get("/api/v1/auth/me", laptop.getString("access_token")).statusCode()).isEqualTo(401);
    assertThat(refresh(laptop.getString("refresh_token")).statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("changing the password needs the current one and ends every other login")
  void changePassword() {
    String name = node.api().newUser("pw");
    JsonObject here = node.api().login(name, PASSWORD);
    JsonObject elsewhere = node.api().login(name, PASSWORD);
    String token = here.getString("access_token");
    HttpResponse<Buffer> wrong = node.api().post("/api/v1/auth/password", token, new JsonObject()
      .put("current_password", "nope nope").put("new_password", "a brand new passphrase"));
    assertThat(wrong.statusCode()).isEqualTo(422);
    assertThat(node.api().post("/api/v1/auth/password", token, new JsonObject().put("current_password", PASSWORD)
      .put("new_password", "a brand new passphrase")).statusCode()).isEqualTo(204);
    assertThat(node.api().get("/api/v1/auth/me", token).statusCode()).as("this login").isEqualTo(200);
    assertThat(node.api().get("/api/v1/auth/me", elsewhere.getString("access_token")).statusCode()).isEqualTo(401);
    assertThat(node.api().post("/api/v1/auth/login", null, new JsonObject().put("username", name).put("password",
      PASSWORD))
      .statusCode()).isEqualTo(401);
    node.api().login(name, "a brand new passphrase");
  }

  @Test
  @DisplayName("API keys: shown once, work as Bearer or X-API-Key, never above the owner's rights, revocable")
  void apiKeys() {
    String name = node.api().newUser("keys");
    String token = node.api().accessToken(name);
    HttpResponse<Buffer> tooMuch = node.api().post("/api/v1/auth/api-keys", token, new JsonObject().put("name", "root")
      .put("scopes", new JsonArray().add("admin")));
    assertThat(tooMuch.statusCode()).isEqualTo(422);
    JsonObject created = Api.json(node.api().post("/api/v1/auth/api-keys", token, new JsonObject().put("name", "ci")
      .put("scopes", new JsonArray().add("agents:read"))));
    String key = created.getString("key");
    String keyId = created.getJsonObject("api_key").getString("id");
    assertThat(key).startsWith(created.getJsonObject("api_key").getString("prefix"));
    assertThat(node.api().get("/api/v1/auth/me", key).statusCode()).isEqualTo(200);
    assertThat(node.api().call(HttpMethod.GET, "/api/v1/auth/me", null, null, Map.of("X-API-Key", key)).statusCode())
      .isEqualTo(200);
    JsonArray listed = Api.json(node.api().get("/api/v1/auth/api-keys", token)).getJsonArray("data");
    assertThat(listed.encode()).contains(keyId).doesNotContain(key);
    assertThat(node.api().delete("/api/v1/auth/api-keys/" + keyId, token).statusCode()).isEqualTo(204);
    assertThat(node.api().get("/api/v1/auth/me", key).statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("an admin key loses its admin scope the moment its owner is demoted")
  void demotionNarrowsKeys() {
    String name = node.api().newUser("boss");
    String rootToken = node.adminToken();
    String bossId = Api.json(node.api().get("/api/v1/auth/me", node.api().accessToken(name))).getString("id");
    assertThat(node.api().call(HttpMethod.PATCH, "/api/v1/users/" + bossId, rootToken,
      new JsonObject().put("roles", new JsonArray().add("admin").add("user"))).statusCode()).isEqualTo(200);
    String bossToken = node.api().accessToken(name);
    String key = Api.json(node.api().post("/api/v1/auth/api-keys", bossToken, new JsonObject().put("name", "ops")
      .put("scopes", new JsonArray().add("admin")))).getString("key");
    assertThat(node.api().get("/api/v1/users", key).statusCode()).isEqualTo(200);

    node.api().call(HttpMethod.PATCH, "/api/v1/users/" + bossId, rootToken,
      new JsonObject().put("roles", new JsonArray().add("user")));
    assertThat(node.api().get("/api/v1/users", key).statusCode()).isEqualTo(403);
    assertThat(node.api().get("/api/v1/users", bossToken).statusCode()).as("the old admin token").isEqualTo(401);
  }

  @Test
  @DisplayName("admins list users page by page, disable a user (tokens die at once) and read the audit log")
  void administration() {
    String name = node.api().newUser("victim");
    String victimToken = node.api().accessToken(name);
    String root = node.adminToken();
    assertThat(node.api().get("/api/v1/users", victimToken).statusCode()).isEqualTo(403);
    JsonObject page = Api.json(node.api().get("/api/v1/users?limit=2&order=asc", root));
    assertThat(page.getString("object")).isEqualTo("list");
    assertThat(page.getJsonArray("data")).hasSize(2);
    assertThat(page.getBoolean("has_more")).isTrue();
    JsonObject next = Api.json(node.api().get("/api/v1/users?limit=2&order=asc&after=" + page.getString("last_id"),
      root));
    assertThat(next.getJsonArray("data").getJsonObject(0).getString("id")).isGreaterThan(page.getString("last_id"));
    assertThat(node.api().get("/api/v1/users?limit=0", root).statusCode()).isEqualTo(422);

    String victimId = Api.json(node.api().get("/api/v1/auth/me", victimToken)).getString("id");
    assertThat(node.api().call(HttpMethod.PATCH, "/api/v1/users/" + victimId, root, new JsonObject().put("disabled",
      true))
      .statusCode()).isEqualTo(200);
    assertThat(node.api().get("/api/v1/auth/me", victimToken).statusCode()).isEqualTo(401);
    assertThat(node.api().post("/api/v1/auth/login", null, new JsonObject().put("username", name).put("password",
      PASSWORD))
      .statusCode()).isEqualTo(401);

    JsonArray events = Api.json(node.api().get("/api/v1/audit?limit=100", root)).getJsonArray("data");
    assertThat(events.encode()).contains("user.updated", "login.succeeded", victimId);
  }

  @Test
  @DisplayName("deleting one's account announces user.deleted to every domain and ends every credential")
  void deleteAccount() throws Exception {
    String name = node.api().newUser("gone");
    String token = node.api().accessToken(name);
    String id = Api.json(node.api().get("/api/v1/auth/me", token)).getString("id");
    CompletableFuture<UserDeleted> announced = new CompletableFuture<>();
    Await.result(node.vertx().eventBus().<UserDeleted>consumer(AuthAddresses.USER_DELETED,
      message -> announced.complete(message.body())).completion());
    assertThat(node.api().delete("/api/v1/auth/me", token).statusCode()).isEqualTo(204);
    assertThat(announced.get(10, TimeUnit.SECONDS).userId()).isEqualTo(id);
    assertThat(node.api().get("/api/v1/auth/me", token).statusCode()).isEqualTo(401);
    assertThat(node.api().post("/api/v1/auth/login", null, new JsonObject().put("username", name).put("password",
      PASSWORD))
      .statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("user B gets 404 on every object route of user A")
  void objectIsolation() {
    String alice = node.api().accessToken(node.api().newUser("alice"));
    String bob = node.api().accessToken(node.api().newUser("bob"));
    String aliceLogin = Api.json(node.api().get("/api/v1/auth/logins", alice)).getJsonArray("data").getJsonObject(0)
      .getString("id");
    String aliceKey = Api.json(node.api().post("/api/v1/auth/api-keys", alice, new JsonObject().put("name", "a")
      .put("scopes", new JsonArray().add("agents:read")))).getJsonObject("api_key").getString("id");
    assertThat(node.api().delete("/api/v1/auth/logins/" + aliceLogin, bob).statusCode()).isEqualTo(404);
    assertThat(node.api().delete("/api/v1/auth/api-keys/" + aliceKey, bob).statusCode()).isEqualTo(404);
    assertThat(Api.json(node.api().get("/api/v1/auth/api-keys", bob)).getJsonArray("data")).isEmpty();
    assertThat(node.api().get("/api/v1/auth/me", alice).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("every response carries security headers; CORS answers only the configured origin")
  void headers() {
    HttpResponse<Buffer> response = node.api().get("/api/v1/auth/me", null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
    assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(response.getHeader("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
    HttpResponse<Buffer> allowed = node.api().call(HttpMethod.OPTIONS, "/api/v1/auth/me", null, null, Map.of(
      "Origin", "https://app.example.com", "Access-Control-Request-Method", "GET"));
    assertThat(allowed.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
    HttpResponse<Buffer> refused = node.api().call(HttpMethod.OPTIONS, "/api/v1/auth/me", null, null, Map.of(
      "Origin", "https://evil.example.com", "Access-Control-Request-Method", "GET"));
    assertThat(refused.getHeader("Access-Control-Allow-Origin")).isNull();
  }

  private static HttpResponse<Buffer> refresh(String token) {
    return node.api().post("/api/v1/auth/refresh", null, new JsonObject().put("refresh_token", token));
  }

  private static JsonObject withoutRequestId(JsonObject problem) {
    JsonObject copy = problem.copy();
    copy.remove("request_id");
    return copy;
  }
}
