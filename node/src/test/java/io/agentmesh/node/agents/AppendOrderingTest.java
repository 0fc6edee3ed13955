package io.agentmesh.node.agents;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.memory.ContextRequest;
import io.agentmesh.contract.memory.ContextWindow;
import io.agentmesh.contract.memory.MemoryAddresses;
import io.agentmesh.contract.memory.Message;
import io.agentmesh.contract.memory.MessageDraft;
import io.agentmesh.node.Node;
import io.agentmesh.node.TestNodes;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.FreePorts;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import static io.agentmesh.node.agents.AgentsApiTest.draft;
import static org.assertj.core.api.Assertions.assertThat;

/** Node A runs the gateway and every domain; node B runs memory too, so appends land on both. */
@DisplayName("One session written from two nodes")
class AppendOrderingTest {

  private static Node a;
  private static Node b;
  private static Api api;
  private static String token;
  private static Principal owner;

  @BeforeAll
  static void start() {
    String cluster = TestClusters.newClusterName();
    a = TestNodes.start(TestNodes.config(cluster, FreePorts.next()), "gateway,auth,agents,memory");
    b = TestNodes.start(TestNodes.config(cluster, FreePorts.next()), "memory");
    api = new Api(a.config().httpPort());
    token = api.accessToken(api.newUser("busy"));
    owner = new Principal(Api.json(api.get("/api/v1/auth/me", token)).getString("id"), Set.of("user"), Scopes.USER,
      null);
  }

  @AfterAll
  static void stop() {
    api.close();
    b.stop();
    a.stop();
  }

  @Test
  @DisplayName("1,000 concurrent appends, half on each node: sequence numbers 1..1000, unique and gap-free")
  void gapFreeSequences() throws Exception {
    String agent = Api.json(api.post("/api/v1/agents", token, draft("counter"))).getString("id");
    String session = Api.json(api.post("/api/v1/agents/" + agent + "/sessions", token, new JsonObject()))
      .getString("id");
    DeliveryOptions local = BusHeaders.deliveryOptions(owner, "ordering", 60_000).setLocalOnly(true);
    List<Future<io.vertx.core.eventbus.Message<Message>>> appends = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Node via = i % 2 == 0 ? a : b;
      appends.add(via.vertx().eventBus().request(MemoryAddresses.MESSAGE_APPEND,
        new MessageDraft(session, "user", "message " + i, null, null), local));
    }
    List<Long> sequences = new ArrayList<>();
    for (var reply : TestNodes.await(Future.all(appends)).<io.vertx.core.eventbus.Message<Message>>list()) {
      sequences.add(reply.body().sequence());
    }
    assertThat(sequences).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 1000).boxed().toList());
    assertThat(Api.json(api.get("/api/v1/sessions/" + session, token)).getLong("message_count")).isEqualTo(1000L);
  }

  @Test
  @DisplayName("the context window holds instructions, pinned and recent messages within the budget, and reports drops")
  void contextWindow() throws Exception {
    String agent = Api.json(api.post("/api/v1/agents", token, draft("memorious"))).getString("id");
    String session = Api.json(api.post("/api/v1/agents/" + agent + "/sessions", token, new JsonObject()))
      .getString("id");
    DeliveryOptions asOwner = BusHeaders.deliveryOptions(owner, "context", 60_000);
    TestNodes.await(a.vertx().eventBus().request(MemoryAddresses.MESSAGE_APPEND,
      new MessageDraft(session, "user", "Always answer in French.", true, null), asOwner));
    for (int i = 0; i < 300; i++) {
      TestNodes.await(a.vertx().eventBus().request(MemoryAddresses.MESSAGE_APPEND,
        new MessageDraft(session, i % 2 == 0 ? "user" : "assistant", "turn " + i + " of a long chat", null, null),
        asOwner));
    }
    ContextWindow window = TestNodes.await(b.vertx().eventBus().<ContextWindow>request(MemoryAddresses.CONTEXT_BUILD,
      new ContextRequest(agent, session, 500), asOwner)).body();
    List<Message> messages = window.messages();
    assertThat(messages.get(0).role()).isEqualTo("system");
    assertThat(messages.get(0).content()).isEqualTo("Be brief.");
    assertThat(messages.get(1).content()).isEqualTo("Always answer in French.");
    assertThat(messages.get(messages.size() - 1).content()).isEqualTo("turn 299 of a long chat");
    int sum = messages.stream().mapToInt(Message::tokenCount).sum();
    assertThat(window.totalTokens()).isEqualTo(sum).isLessThanOrEqualTo(500);
    assertThat(window.droppedMessages()).isEqualTo(301 - (messages.size() - 1));
    long sessionTokens = Api.json(api.get("/api/v1/sessions/" + session, token)).getLong("token_count");
    assertThat(window.droppedTokens() + sum - messages.get(0).tokenCount()).isEqualTo((int) sessionTokens);
    assertThat(window.encoding()).isEqualTo("o200k_base");
  }
}
