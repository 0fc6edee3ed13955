package io.agentmesh.node.ecs;

import io.agentmesh.node.TestNode;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.Await;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The ECS world over HTTP: control, spawning and breeding with ownership and genetics, families, views, tools. */
@DisplayName("The ECS world API")
class EcsApiTest {

  @RegisterExtension
  static final TestNode node = TestNode.withRoles("gateway,auth,agents,mcp,ecs");

  private static String admin;

  @BeforeAll
  static void freshWorld() throws Exception {
    admin = node.adminToken();
    // the world of an earlier test class may still be held by its node's lease for a moment
    HttpResponse<Buffer> reset = Await.eventually(Duration.ofSeconds(30), () -> node.api().post(
      "/api/v1/ecs/world/reset", admin, new JsonObject().put("seed", 7).put("population", 300)),
      response -> response.statusCode() == 200);
    assertThat(Api.json(reset).getInteger("population")).isEqualTo(300);
  }

  private static JsonObject traits(double base, double step) {
    JsonObject traits = new JsonObject();
    List<String> names = List.of("size", "speed", "sociability", "curiosity", "fertility", "longevity",
      "aggression", "intelligence");
    for (int i = 0; i < names.size(); i++) {
      traits.put(names.get(i), Math.min(1.0, base + step * (i % 2)));
    }
    return traits;
  }

  private static JsonObject spawn(String token, JsonObject traits) {
    HttpResponse<Buffer> created = node.api().post("/api/v1/ecs/agents", token, new JsonObject()
      .put("traits", traits).put("x", 1.0).put("y", 1.0));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(created.getHeader("Location")).isEqualTo("/api/v1/ecs/agents/" + Api.json(created).getString("id"));
    return Api.json(created);
  }

  private static HttpResponse<Buffer> breed(String token, String a, String b) {
    return node.api().post("/api/v1/ecs/agents/offspring", token, new JsonObject().put("parent_ids",
      new JsonArray().add(a).add(b)));
  }

  @Test
  @DisplayName("admins pause, step, resume and set the speed; status reports them; users may not")
  void control() throws Exception {
    String user = node.api().accessToken(node.api().newUser("watcher"));
    JsonObject status = Api.json(node.api().get("/api/v1/ecs/status", user));
    assertThat(status.getString("leader_node")).isEqualTo(node.nodeId());
    assertThat(status.getJsonObject("mean_traits").fieldNames()).contains("size", "fertility", "intelligence");
    assertThat(node.api().post("/api/v1/ecs/world/pause", user, null).statusCode()).isEqualTo(403);

    JsonObject paused = Api.json(node.api().post("/api/v1/ecs/world/pause", admin, null));
    assertThat(paused.getString("state")).isEqualTo("paused");
    long tick = Api.json(node.api().get("/api/v1/ecs/status", user)).getLong("tick");
    assertThat(Api.json(node.api().get("/api/v1/ecs/status", user)).getLong("tick")).as("paused").isEqualTo(tick);
    node.api().post("/api/v1/ecs/world/step", admin, new JsonObject().put("ticks", 5));
    Await.eventually(() -> Api.json(node.api().get("/api/v1/ecs/status", user)).getLong("tick"),
      now -> now == tick + 5);
    JsonObject faster = Api.json(node.api().post("/api/v1/ecs/world/speed", admin, new JsonObject()
      .put("speed", 50)));
    assertThat(faster.getDouble("speed")).isEqualTo(50.0);
    HttpResponse<Buffer> tooFast = node.api().post("/api/v1/ecs/world/speed", admin, new JsonObject()
      .put("speed", 5000));
    assertThat(tooFast.statusCode()).isEqualTo(422);
    assertThat(tooFast.bodyAsString()).contains("speed");
    assertThat(Api.json(node.api().post("/api/v1/ecs/world/resume", admin, null)).getString("state"))
      .isEqualTo("running");
    Await.eventually(() -> Api.json(node.api().get("/api/v1/ecs/status", user)).getLong("tick"),
      now -> now > tick + 50);
  }

  @Test
  @DisplayName("spawns with the traits asked, owned by the caller, and refuses bad input naming the field")
  void spawning() {
    String token = node.api().accessToken(node.api().newUser("spawner"));
    JsonObject entity = spawn(token, new JsonObject().put("size", 0.9).put("speed", 0.1));
    assertThat(entity.getString("id")).matches("ent_[0-9a-f]{16}");
    assertThat(entity.getJsonObject("traits").getDouble("size")).isEqualTo(0.9);
    assertThat(entity.getJsonObject("traits").getDouble("speed")).isEqualTo(0.1);
    assertThat(entity.getInteger("generation")).isZero();
    assertThat(entity.getBoolean("alive")).isTrue();
    JsonObject read = Api.json(node.api().get("/api/v1/ecs/agents/" + entity.getString("id"), token));
    assertThat(read.getString("owner_id")).isEqualTo(entity.getString("owner_id")).isNotNull();
    JsonObject mine = Api.json(node.api().get("/api/v1/ecs/agents?owner=me&limit=100", token));
    assertThat(mine.getJsonArray("data").stream().map(e -> ((JsonObject) e).getString("id")))
      .contains(entity.getString("id"));
    JsonObject big = Api.json(node.api().get("/api/v1/ecs/agents?owner=me&min_size=0.85", token));
    assertThat(big.getJsonArray("data")).hasSize(1);

    HttpResponse<Buffer> badTrait = node.api().post("/api/v1/ecs/agents", token, new JsonObject()
      .put("traits", new JsonObject().put("size", 1.5)));
    assertThat(badTrait.statusCode()).isEqualTo(422);
    assertThat(badTrait.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(badTrait.bodyAsString()).contains("traits");
    HttpResponse<Buffer> unknown = node.api().post("/api/v1/ecs/agents", token, new JsonObject()
      .put("traits", new JsonObject().put("wings", 0.5)));
    assertThat(unknown.statusCode()).isEqualTo(422);
    HttpResponse<Buffer> offMap = node.api().post("/api/v1/ecs/agents", token, new JsonObject().put("x", 1e9));
    assertThat(offMap.statusCode()).isEqualTo(422);
    assertThat(offMap.bodyAsString()).contains("\"x\"");
    assertThat(node.api().get("/api/v1/ecs/agents/ent_nothing", token).statusCode()).isEqualTo(404);
    assertThat(node.api().get("/api/v1/ecs/agents/ent_00000fff00000fff", token).statusCode()).isEqualTo(404);
    assertThat(node.api().get("/api/v1/ecs/agents?limit=0", token).statusCode()).isEqualTo(422);
    assertThat(node.api().get("/api/v1/ecs/agents?min_wings=0.5", token).statusCode()).isEqualTo(422);
  }

  @Test
  @DisplayName("breeds compatible parents the caller may use; the child's family tree reaches both grandparent pairs")
  void breeding() {
    String token = node.api().accessToken(node.api().newUser("breeder"));
    String a = spawn(token, traits(0.2, 0.3)).getString("id");
    String b = spawn(token, traits(0.5, 0.1)).getString("id");
    String c = spawn(token, traits(0.3, 0.4)).getString("id");
    String d = spawn(token, traits(0.6, 0.0)).getString("id");

    JsonObject compatibility = Api.json(node.api().get("/api/v1/ecs/agents/" + a + "/compatibility/" + b, token));
    assertThat(compatibility.getBoolean("compatible")).as(compatibility.encode()).isTrue();
    assertThat(compatibility.getDouble("score")).isPositive();
    String twin = spawn(token, traits(0.2, 0.3)).getString("id");
    JsonObject alike = Api.json(node.api().get("/api/v1/ecs/agents/" + a + "/compatibility/" + twin, token));
    assertThat(alike.getBoolean("compatible")).isFalse();
    assertThat(alike.getJsonArray("reasons").getString(0)).contains("too alike");
    HttpResponse<Buffer> refused = breed(token, a, twin);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.bodyAsString()).contains("parent_ids").contains("too alike");

    HttpResponse<Buffer> first = breed(token, a, b);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
    JsonObject x = Api.json(first);
    assertThat(x.getInteger("generation")).isEqualTo(1);
    assertThat(x.getJsonArray("parent_ids").getList()).containsExactly(a, b);
    assertThat(x.getJsonObject("traits").getDouble("size")).isBetween(0.1, 0.6);
    JsonObject y = Api.json(breed(token, c, d));
    HttpResponse<Buffer> third = breed(token, x.getString("id"), y.getString("id"));
    assertThat(third.statusCode()).as(third.bodyAsString()).isEqualTo(201);
    JsonObject z = Api.json(third);
    assertThat(z.getInteger("generation")).isEqualTo(2);

    JsonObject lineage = Api.json(node.api().get("/api/v1/ecs/agents/" + z.getString("id") + "/lineage?depth=2",
      token));
    JsonArray parents = lineage.getJsonObject("root").getJsonArray("parents");
    assertThat(parents.stream().map(p -> ((JsonObject) p).getString("id"))).containsExactlyInAnyOrder(
      x.getString("id"), y.getString("id"));
    assertThat(parents.stream().flatMap(p -> ((JsonObject) p).getJsonArray("parents").stream())
      .map(g -> ((JsonObject) g).getString("id"))).containsExactlyInAnyOrder(a, b, c, d);
    JsonObject ofA = Api.json(node.api().get("/api/v1/ecs/agents/" + a + "/lineage?depth=2", token));
    JsonArray children = ofA.getJsonObject("root").getJsonArray("children");
    assertThat(children.getJsonObject(0).getString("id")).isEqualTo(x.getString("id"));
    assertThat(children.getJsonObject(0).getJsonArray("children").getJsonObject(0).getString("id"))
      .isEqualTo(z.getString("id"));
    assertThat(node.api().get("/api/v1/ecs/agents/" + a + "/lineage?depth=99", token).statusCode()).isEqualTo(422);

    String stranger = node.api().accessToken(node.api().newUser("stranger"));
    String theirs = spawn(stranger, traits(0.5, 0.1)).getString("id");
    assertThat(breed(stranger, a, b).statusCode()).as("neither parent theirs").isEqualTo(403);
    assertThat(breed(stranger, theirs, a).statusCode()).as("the other parent is someone else's").isEqualTo(403);
    assertThat(breed(token, "ent_nothing", b).statusCode()).isEqualTo(422);
  }

  @Test
  @DisplayName("an owner links an agent and acts for the entity, over REST and through the tools; no one else may")
  void linkAndAct() throws Exception {
    String token = node.api().accessToken(node.api().newUser("keeper"));
    String agent = Api.json(node.api().post("/api/v1/agents", token, new JsonObject().put("name", "herder")
      .put("model", new JsonObject().put("provider", "scripted").put("name", "none")))).getString("id");
    String id = spawn(token, traits(0.4, 0.2)).getString("id");
    String stranger = node.api().accessToken(node.api().newUser("intruder"));
    assertThat(node.api().post("/api/v1/ecs/agents/" + id + "/act", stranger, new JsonObject()
      .put("action", "rest")).statusCode()).isEqualTo(403);
    assertThat(node.api().post("/api/v1/ecs/agents/" + id + "/link", stranger, new JsonObject()
      .put("agent_id", agent)).statusCode()).as("not their entity, nor their agent").isIn(403, 404);
    assertThat(node.api().post("/api/v1/ecs/agents/" + id + "/act", token, new JsonObject()
      .put("action", "move_toward")).statusCode()).as("x and y are needed").isEqualTo(422);

    Await.eventually(() -> node.api().get("/api/v1/tools/ecs_observe", token).statusCode(), s -> s == 200);
    JsonObject unlinked = Api.json(node.api().post("/api/v1/tools/ecs_observe/invoke", token, new JsonObject()
      .put("arguments", new JsonObject().put("entity_id", id))));
    assertThat(unlinked.getBoolean("is_error")).as(unlinked.encode()).isTrue();
    assertThat(unlinked.getString("text")).contains("not linked");

    HttpResponse<Buffer> linked = node.api().post("/api/v1/ecs/agents/" + id + "/link", token, new JsonObject()
      .put("agent_id", agent));
    assertThat(linked.statusCode()).as(linked.bodyAsString()).isEqualTo(200);
    assertThat(Api.json(linked).getString("agent_id")).isEqualTo(agent);
    JsonObject acted = Api.json(node.api().post("/api/v1/ecs/agents/" + id + "/act", token, new JsonObject()
      .put("action", "move_toward").put("x", 5.0).put("y", 5.0).put("ticks", 500)));
    assertThat(acted.getString("intent")).isEqualTo("move_toward");

    JsonObject observed = Api.json(node.api().post("/api/v1/tools/ecs_observe/invoke", token, new JsonObject()
      .put("arguments", new JsonObject().put("entity_id", id))));
    assertThat(observed.getBoolean("is_error")).as(observed.encode()).isFalse();
    assertThat(observed.encode()).contains(id);
    JsonObject viaTool = Api.json(node.api().post("/api/v1/tools/ecs_act/invoke", token, new JsonObject()
      .put("arguments", new JsonObject().put("entity_id", id).put("action", "rest"))));
    assertThat(viaTool.getBoolean("is_error")).as(viaTool.encode()).isFalse();
    assertThat(Api.json(node.api().get("/api/v1/ecs/agents/" + id, token)).getString("intent")).isEqualTo("rest");
    JsonObject theirs = Api.json(node.api().post("/api/v1/tools/ecs_act/invoke", stranger, new JsonObject()
      .put("arguments", new JsonObject().put("entity_id", id).put("action", "rest"))));
    assertThat(theirs.getBoolean("is_error")).as(theirs.encode()).isTrue();
    assertThat(theirs.getString("text")).contains("entities you own");
  }

  @Test
  @DisplayName("reads: mates, memory, relationships and the map; each needs ecs:read")
  void views() {
    String login = node.api().accessToken(node.api().newUser("viewer"));
    JsonObject page = Api.json(node.api().get("/api/v1/ecs/agents?limit=5", login));
    assertThat(page.getString("object")).isEqualTo("list");
    assertThat(page.getJsonArray("data")).hasSize(5);
    assertThat(page.getBoolean("has_more")).isTrue();
    String last = page.getString("last_id");
    JsonObject next = Api.json(node.api().get("/api/v1/ecs/agents?limit=5&after=" + last, login));
    assertThat(next.getJsonArray("data").getJsonObject(0).getString("id")).isGreaterThan(last);
    // a creature just born, which will not die of age or hunger while it is read (an old one of the page might)
    String id = spawn(login, traits(0.5, 0.1)).getString("id");
    assertThat(node.api().get("/api/v1/ecs/agents/" + id + "/mates?limit=3", login).statusCode()).isEqualTo(200);
    assertThat(node.api().get("/api/v1/ecs/agents/" + id + "/memory", login).statusCode()).isEqualTo(200);
    assertThat(node.api().get("/api/v1/ecs/agents/" + id + "/relationships", login).statusCode()).isEqualTo(200);
    JsonObject map = Api.json(node.api().get("/api/v1/ecs/map?trait=speed&limit=50", login));
    assertThat(map.getJsonArray("points").size()).isEqualTo(3 * map.getJsonArray("ids").size());
    assertThat(map.getJsonArray("ids").size()).isLessThanOrEqualTo(50);
    assertThat(map.getBoolean("decimated")).isTrue();
    assertThat(node.api().get("/api/v1/ecs/map?trait=wings", login).statusCode()).isEqualTo(422);

    String agentsOnly = Api.json(node.api().post("/api/v1/auth/api-keys", login, new JsonObject().put("name", "k")
      .put("scopes", new JsonArray().add("agents:read")))).getString("key");
    assertThat(node.api().get("/api/v1/ecs/status", agentsOnly).statusCode()).isEqualTo(403);
    assertThat(node.api().get("/api/v1/ecs/agents/" + id, agentsOnly).statusCode()).isEqualTo(403);
    assertThat(node.api().post("/api/v1/ecs/agents", agentsOnly, new JsonObject()).statusCode()).isEqualTo(403);
  }

  @Test
  @DisplayName("streams the world's feeds over the WebSocket: the current state first, then newer ticks")
  void feeds() throws Exception {
    String token = node.api().accessToken(node.api().newUser("feeder"));
    // fast, so that births and deaths come within a second or two
    assertThat(node.api().post("/api/v1/ecs/world/speed", admin, new JsonObject().put("speed", 200)).statusCode())
      .isEqualTo(200);
    BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    WebSocket socket = Await.result(node.api().vertx().createWebSocketClient().connect(new WebSocketConnectOptions()
      .setHost("127.0.0.1").setPort(node.port()).setURI("/api/v1/stream").addHeader("Authorization",
        "Bearer " + token)));
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
    for (String topic : List.of("ecs.stats", "ecs.map", "ecs.events", "ecs.nothing")) {
      socket.writeTextMessage(new JsonObject().put("type", "subscribe").put("topic", topic).encode());
    }
    List<JsonObject> received = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline && (count(received, "ecs.stats") < 3 || count(received, "ecs.map") < 2
      || count(received, "ecs.events") < 1)) {
      JsonObject frame = frames.poll(1, TimeUnit.SECONDS);
      if (frame != null) {
        received.add(frame);
      }
    }
    Await.result(socket.close());
    node.api().post("/api/v1/ecs/world/speed", admin, new JsonObject().put("speed", 1));
    assertThat(count(received, "ecs.stats")).as(received.toString()).isGreaterThanOrEqualTo(3);
    assertThat(count(received, "ecs.map")).isGreaterThanOrEqualTo(2);
    assertThat(count(received, "ecs.events")).as("births, deaths, matings happen").isGreaterThanOrEqualTo(1);
    List<Long> ticks = received.stream().filter(f -> "ecs.stats".equals(f.getString("type")))
      .map(f -> f.getLong("sequence_number")).toList();
    assertThat(ticks).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
    JsonObject map = received.stream().filter(f -> "ecs.map".equals(f.getString("type"))).findFirst().orElseThrow();
    assertThat(map.getJsonArray("points").size()).isEqualTo(3 * map.getJsonArray("ids").size());
    assertThat(received).anySatisfy(f -> {
      assertThat(f.getString("type")).isEqualTo("error");
      assertThat(f.getString("topic")).isEqualTo("ecs.nothing");
    });
  }

  @Test
  @DisplayName("the dead stay readable from the history: listed with alive=false, each one by its id")
  void theDead() throws Exception {
    String token = node.api().accessToken(node.api().newUser("historian"));
    node.api().post("/api/v1/ecs/world/speed", admin, new JsonObject().put("speed", 1000));
    Await.eventually(Duration.ofSeconds(30), () -> Api.json(node.api().get("/api/v1/ecs/status", token)),
      status -> status.getLong("deaths") > 0);
    node.api().post("/api/v1/ecs/world/speed", admin, new JsonObject().put("speed", 1));
    JsonObject dead = Await.eventually(() -> Api.json(node.api().get("/api/v1/ecs/agents?alive=false&limit=5",
      token)), page -> !page.getJsonArray("data").isEmpty());
    for (Object item : dead.getJsonArray("data")) {
      JsonObject entity = (JsonObject) item;
      assertThat(entity.getBoolean("alive")).isFalse();
      assertThat(entity.getLong("death_tick")).isGreaterThanOrEqualTo(entity.getLong("birth_tick"));
      assertThat(entity.getValue("energy")).as("no state once dead").isNull();
    }
    String id = dead.getJsonArray("data").getJsonObject(0).getString("id");
    JsonObject one = Api.json(node.api().get("/api/v1/ecs/agents/" + id, token));
    assertThat(one.getBoolean("alive")).isFalse();
    assertThat(one.getJsonObject("traits")).isEqualTo(dead.getJsonArray("data").getJsonObject(0)
      .getJsonObject("traits"));
    assertThat(node.api().get("/api/v1/ecs/agents/" + id + "/memory", token).statusCode()).isEqualTo(404);
    assertThat(node.api().get("/api/v1/ecs/agents?alive=maybe", token).statusCode()).isEqualTo(422);
  }

  private static long count(List<JsonObject> frames, String type) {
    return frames.stream().filter(frame -> type.equals(frame.getString("type"))).count();
  }
}
