package io.agentmesh.node.agents;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.memory.AppendedMessages;
import io.agentmesh.contract.memory.ContextRequest;
import io.agentmesh.contract.memory.ContextWindow;
import io.agentmesh.contract.memory.MemoryAddresses;
import io.agentmesh.contract.memory.Message;
import io.agentmesh.contract.memory.MessageBatch;
import io.agentmesh.contract.memory.MessageDraft;
import io.agentmesh.node.TestNode;
import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import static io.agentmesh.node.agents.AgentsApiTest.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Node A runs the gateway and every domain; node B runs memory too, so appends land on both. */
@DisplayName("One session written from two nodes")
class AppendOrderingTest {

  private static final String CLUSTER = TestClusters.newClusterName();

  @RegisterExtension
  static final TestNode a = TestNode.withRoles("gateway,auth,agents,memory").inCluster(CLUSTER);
  @RegisterExtension
  static final TestNode b = TestNode.withRoles("memory").inCluster(CLUSTER);
  private static String token;
  private static Principal owner;

  @BeforeAll
  static void start() {
    token = a.api().accessToken(a.api().newUser("busy"));
    owner = new Principal(Api.json(a.api().get("/api/v1/auth/me", token)).getString("id"), Set.of("user"), Scopes.USER,
      null);
  }

  @Test
  @DisplayName("1,000 concurrent appends, half on each node: sequence numbers 1..1000, unique and gap-free")
  void gapFreeSequences() throws Exception {
    String session = session(Api.json(a.api().post("/api/v1/agents", token, draft("counter"))).getString("id"));
    DeliveryOptions local = BusHeaders.deliveryOptions(owner, "ordering", 60_000).setLocalOnly(true);
    List<Future<io.vertx.core.eventbus.Message<Message>>> appends = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      TestNode via = i % 2 == 0 ? a : b;
      appends.add(via.vertx().eventBus().request(MemoryAddresses.MESSAGE_APPEND,
        new MessageDraft(session, "user", "message " + i, null, null), local));
    }
    List<Long> sequences = new ArrayList<>();
    for (var reply : Await.result(Future.all(appends)).<io.vertx.core.eventbus.Message<Message>>list()) {
      sequences.add(reply.body().sequence());
    }
    assertThat(sequences).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 1000).boxed().toList());
    assertThat(Api.json(a.api().get("/api/v1/sessions/" + session, token)).getLong("message_count")).isEqualTo(1000L);
  }

  @Test
  @DisplayName("the context window holds instructions, pinned and recent messages within the budget, and reports drops")
  void contextWindow() throws Exception {
    String agent = Api.json(a.api().post("/api/v1/agents", token, draft("memorious"))).getString("id");
    String session = session(agent);
    DeliveryOptions asOwner = BusHeaders.deliveryOptions(owner, "context", 60_000);
    Await.result(a.vertx().eventBus().request(MemoryAddresses.MESSAGE_APPEND,
      new MessageDraft(session, "user", "Always answer in French.", true, null), asOwner));
    for (int i = 0; i < 300; i++) {
      Await.result(a.vertx().eventBus().request(MemoryAddresses.MESSAGE_APPEND,
        new MessageDraft(session, i % 2 == 0 ? "user" : "assistant", "turn " + i + " of a long chat", null, null),
        asOwner));
    }
    ContextWindow window = Await.result(b.vertx().eventBus().<ContextWindow>request(MemoryAddresses.CONTEXT_BUILD,
      new ContextRequest(agent, session, 500), asOwner)).body();
    List<Message> messages = window.messages();
    assertThat(messages.get(0).role()).isEqualTo("system");
    assertThat(messages.get(0).content()).isEqualTo("Be brief.");
    assertThat(messages.get(1).content()).isEqualTo("Always answer in French.");
    assertThat(messages.get(messages.size() - 1).content()).isEqualTo("turn 299 of a long chat");
    int sum = messages.stream().mapToInt(Message::tokenCount).sum();
    assertThat(window.totalTokens()).isEqualTo(sum).isLessThanOrEqualTo(500);
    assertThat(window.droppedMessages()).isEqualTo(301 - (messages.size() - 1));
    long sessionTokens = Api.json(a.api().get("/api/v1/sessions/" + session, token)).getLong("token_count");
    assertThat(window.droppedTokens() + sum - messages.get(0).tokenCount()).isEqualTo((int) sessionTokens);
    assertThat(window.encoding()).isEqualTo("o200k_base");
  }

  @Test
  @DisplayName("a batch appends in order after single appends, skips keys already there, and checks owner and input")
  void batchAppend() throws Exception {
    String session = session(Api.json(a.api().post("/api/v1/agents", token, draft("batched"))).getString("id"));
    DeliveryOptions asOwner = BusHeaders.deliveryOptions(owner, "batch", 60_000);
    Await.result(a.vertx().eventBus().request(MemoryAddresses.MESSAGE_APPEND,
      new MessageDraft(session, "user", "first", null, "k1"), asOwner));
    MessageBatch batch = new MessageBatch(session, List.of(new MessageDraft(null, "user", "again", null, "k1"),
      new MessageDraft(null, "assistant", "second", null, "k2"), new MessageDraft(session, "user", "third", null,
        null)));

    AppendedMessages done = Await.result(b.vertx().eventBus().<AppendedMessages>request(
      MemoryAddresses.MESSAGE_APPEND_BATCH, batch, asOwner)).body();
    assertThat(done.alreadyPresent()).isEqualTo(1);
    assertThat(done.appended()).extracting(Message::sequence, Message::content)
      .containsExactly(tuple(2L, "second"), tuple(3L, "third"));
    AppendedMessages redelivered = Await.result(a.vertx().eventBus().<AppendedMessages>request(
      MemoryAddresses.MESSAGE_APPEND_BATCH, new MessageBatch(session, batch.messages().subList(0, 2)), asOwner))
      .body();
    assertThat(redelivered.appended()).as("a redelivery writes nothing").isEmpty();
    JsonObject stored = Api.json(a.api().get("/api/v1/sessions/" + session, token));
    assertThat(stored.getLong("message_count")).isEqualTo(3L);

    Principal stranger = new Principal("usr_stranger", Set.of("user"), Scopes.USER, null);
    assertThatThrownBy(() -> Await.result(a.vertx().eventBus().request(MemoryAddresses.MESSAGE_APPEND_BATCH,
      new MessageBatch(session, List.of(new MessageDraft(null, "user", "intrusion", null, null))),
      BusHeaders.deliveryOptions(stranger, "batch", 60_000))))
      .isInstanceOf(DomainException.class)
      .satisfies(e -> assertThat(((DomainException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThatThrownBy(() -> Await.result(a.vertx().eventBus().request(MemoryAddresses.MESSAGE_APPEND_BATCH,
      new MessageBatch(session, List.of(new MessageDraft(null, "robot", "x", null, "k9"),
        new MessageDraft("ses_other", "user", "y", null, "k9"))), asOwner)))
      .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
        .contains("messages.0.role", "messages.1.session_id", "messages.1.append_key"));
    assertThat(Api.json(a.api().get("/api/v1/sessions/" + session, token)).getLong("message_count"))
      .as("refused batches change nothing").isEqualTo(3L);
  }

  /** A new session of the agent, owned by the test's user. */
  private static String session(String agent) {
    return Api.json(a.api().post("/api/v1/agents/" + agent + "/sessions", token, new JsonObject())).getString("id");
  }
}
