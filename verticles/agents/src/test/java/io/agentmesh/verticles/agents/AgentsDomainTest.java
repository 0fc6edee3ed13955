package io.agentmesh.verticles.agents;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.EventBusCodecs;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.agents.Agent;
import io.agentmesh.contract.agents.AgentDelete;
import io.agentmesh.contract.agents.AgentDraft;
import io.agentmesh.contract.agents.AgentEvent;
import io.agentmesh.contract.agents.AgentPage;
import io.agentmesh.contract.agents.AgentPatch;
import io.agentmesh.contract.agents.AgentQuery;
import io.agentmesh.contract.agents.AgentsAddresses;
import io.agentmesh.contract.agents.ModelSpec;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.DeployedDomain;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The agents domain's own rules, through its bus addresses, with no other domain running. */
@DisplayName("The agents domain")
class AgentsDomainTest {

  @RegisterExtension
  static final DeployedDomain agents = DeployedDomain.of(AgentsVerticle::new).prepare(EventBusCodecs::register);

  private static Principal newUser() {
    return new Principal("usr_" + UUID.randomUUID().toString().replace("-", ""), Set.of("user"), Scopes.USER, null);
  }

  private static final Principal ADMIN = new Principal("usr_admin", Set.of("admin"), Scopes.ALL, null);

  private static <T> T request(String address, Object body, Principal caller) throws Exception {
    return Await.<Message<T>>result(agents.vertx().eventBus()
      .request(address, body, BusHeaders.deliveryOptions(caller, "agents-test", 10_000))).body();
  }

  private static AgentDraft draft(String name) {
    return new AgentDraft(name, null, "Be brief.", new ModelSpec("openai", "gpt-4o", Map.of("temperature", 0.2)),
      List.of(), List.of(), null, Map.of("team", "core"));
  }

  private static Agent create(Principal owner, String name) throws Exception {
    return request(AgentsAddresses.CREATE, draft(name), owner);
  }

  private static DomainException failure(String address, Object body, Principal caller) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> request(address, body, caller));
    assertThat(thrown).as(address).isInstanceOf(DomainException.class);
    return (DomainException) thrown;
  }

  @Test
  @DisplayName("merge patch: null removes a key, objects merge, scalars replace; each write bumps the version once")
  void mergePatch() throws Exception {
    Principal owner = newUser();
    Agent created = create(owner, "patched");
    Map<String, Object> patch = new HashMap<>();
    patch.put("description", "Now described.");
    patch.put("metadata", new HashMap<>(Map.of("env", "prod")));
    patch.put("model", Map.of("parameters", Map.of("temperature", 0.7)));
    Agent patched = request(AgentsAddresses.UPDATE, new AgentPatch(created.id(), patch, created.version()), owner);
    assertThat(patched.version()).isEqualTo(created.version() + 1);
    assertThat(patched.description()).isEqualTo("Now described.");
    assertThat(patched.metadata()).containsEntry("team", "core").containsEntry("env", "prod");
    assertThat(patched.model().name()).as("untouched by a partial object").isEqualTo("gpt-4o");
    assertThat(patched.model().parameters()).containsEntry("temperature", 0.7);

    Map<String, Object> removal = new HashMap<>();
    removal.put("description", null);
    Agent removed = request(AgentsAddresses.UPDATE, new AgentPatch(created.id(), removal, null), owner);
    assertThat(removed.description()).isNull();
    assertThat(failure(AgentsAddresses.UPDATE, new AgentPatch(created.id(), Map.of("name", "late"),
      created.version()), owner).code()).as("a stale If-Match").isEqualTo(ErrorCode.PRECONDITION_FAILED);
  }

  @Test
  @DisplayName("a bad draft or patch is refused naming every offending field, and nothing is written")
  void validation() throws Exception {
    Principal owner = newUser();
    AgentDraft bad = new AgentDraft("", null, null, new ModelSpec("Bad!", "m", Map.of()), List.of("has spaces"),
      List.of(), "maybe", Map.of("k", "x".repeat(600)));
    DomainException refused = failure(AgentsAddresses.CREATE, bad, owner);
    assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(refused.errors()).extracting(FieldError::field)
      .contains("name", "model.provider", "tools.0", "concurrency", "metadata.k");
    assertThat(this.<AgentPage>list(new AgentQuery(10, null, null, null, null, null, null), owner).data()).isEmpty();

    Agent ok = create(owner, "ok");
    DomainException badPatch = failure(AgentsAddresses.UPDATE, new AgentPatch(ok.id(),
      Map.of("name", "", "status", "running"), null), owner);
    assertThat(badPatch.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(this.<Agent>get(ok.id(), owner).name()).isEqualTo("ok");
  }

  @Test
  @DisplayName("another user's agent does not exist for them: not found to read, patch or delete, and not listed")
  void isolation() throws Exception {
    Principal alice = newUser();
    Principal bob = newUser();
    Agent secret = create(alice, "private");
    assertThat(failure(AgentsAddresses.GET, new ResourceId(secret.id()), bob).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failure(AgentsAddresses.UPDATE, new AgentPatch(secret.id(), Map.of("name", "mine"), null), bob)
      .code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failure(AgentsAddresses.DELETE, new AgentDelete(secret.id(), true), bob).code())
      .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(this.<AgentPage>list(new AgentQuery(10, null, null, null, null, null, null), bob).data()).isEmpty();
    assertThat(this.<Agent>get(secret.id(), alice).name()).isEqualTo("private");
  }

  @Test
  @DisplayName("lists filter by status and name prefix; an admin reads any owner's, a user only their own")
  void listing() throws Exception {
    Principal owner = newUser();
    Agent alpha = create(owner, "Alpha one");
    create(owner, "Beta");
    request(AgentsAddresses.UPDATE, new AgentPatch(alpha.id(), Map.of("status", "disabled"), null), owner);
    assertThat(this.<AgentPage>list(new AgentQuery(10, null, null, null, null, "alp", null), owner).data())
      .extracting(Agent::id).containsExactly(alpha.id());
    assertThat(this.<AgentPage>list(new AgentQuery(10, null, null, null, "disabled", null, null), owner).data())
      .extracting(Agent::id).containsExactly(alpha.id());
    assertThat(this.<AgentPage>list(new AgentQuery(10, null, null, null, null, null, owner.userId()), ADMIN).data())
      .hasSize(2);
    assertThat(this.<AgentPage>list(new AgentQuery(10, null, null, null, null, null, "usr_someone_else"), owner)
      .data()).as("a user's owner filter is their own id").hasSize(2);
    assertThat(this.<Agent>get(alpha.id(), ADMIN).ownerId()).isEqualTo(owner.userId());
  }

  @Test
  @DisplayName("publishes created, updated and deleted on events.agents, in that order, with the owner")
  void events() throws Exception {
    Principal owner = newUser();
    VertxTestContext published = new VertxTestContext();
    List<String> seen = new CopyOnWriteArrayList<>();
    MessageConsumer<AgentEvent> watch = agents.vertx().eventBus().consumer(AgentsAddresses.EVENTS, event -> {
      if (owner.userId().equals(event.body().ownerId())) {
        seen.add(event.body().type());
        if (event.body().type().equals("deleted")) {
          published.verify(() -> assertThat(seen).containsExactly("created", "updated", "deleted"));
          published.completeNow();
        }
      }
    });
    Await.result(watch.completion());
    Agent agent = create(owner, "watched");
    request(AgentsAddresses.UPDATE, new AgentPatch(agent.id(), Map.of("description", "seen"), null), owner);
    request(AgentsAddresses.DELETE, new AgentDelete(agent.id(), false), owner);
    assertThat(published.awaitCompletion(10, TimeUnit.SECONDS)).isTrue();
    if (published.failed()) {
      throw new AssertionError(published.causeOfFailure());
    }
    Await.result(watch.unregister());
  }

  private <T> T list(AgentQuery query, Principal caller) throws Exception {
    return request(AgentsAddresses.LIST, query, caller);
  }

  private <T> T get(String id, Principal caller) throws Exception {
    return request(AgentsAddresses.GET, new ResourceId(id), caller);
  }
}
