package io.agentmesh.verticles.gateway.security;

import io.agentmesh.contract.EventBusCodecs;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.auth.AuthAddresses;
import io.agentmesh.contract.auth.CredentialsRevoked;
import io.agentmesh.testing.Await;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("What a credential holds open ends with it")
class CredentialWatchTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  private static Caller token(String user, String login, long issuedAt, Long expiresAt) {
    return new Caller(new Principal(user, Set.of("user"), Set.of("tasks:read"), login), issuedAt, expiresAt);
  }

  private static Caller key(String user, String keyId) {
    return new Caller(new Principal(user, Set.of("user"), Set.of("tasks:read"), keyId), null, null);
  }

  @Test
  @DisplayName("an access token's stream ends at its expiry")
  void expiry() throws Exception {
    CompletableFuture<String> ended = new CompletableFuture<>();
    vertx.runOnContext(v -> new CredentialWatch(vertx).watch(token("usr_1", "lgn_1", 0,
      System.currentTimeMillis() + 200), ended::complete));
    assertThat(ended.get(5, TimeUnit.SECONDS)).isEqualTo(CredentialWatch.EXPIRED);
  }

  @Test
  @DisplayName("a revocation ends exactly the streams it names: the login, the key, the user's tokens, and keys too")
  void revocations() throws Exception {
    EventBusCodecs.register(vertx);
    List<String> ended = new CopyOnWriteArrayList<>();
    CompletableFuture<CredentialWatch> ready = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      CredentialWatch watch = new CredentialWatch(vertx);
      watch.watch(token("usr_1", "lgn_a", 100, null), reason -> ended.add("lgn_a " + reason));
      watch.watch(token("usr_1", "lgn_b", 5_000, null), reason -> ended.add("lgn_b " + reason));
      watch.watch(key("usr_1", "key_1"), reason -> ended.add("key_1 " + reason));
      watch.watch(token("usr_2", "lgn_c", 100, null), reason -> ended.add("lgn_c " + reason));
      Runnable forgotten = watch.watch(token("usr_1", "lgn_d", 100, null), reason -> ended.add("lgn_d " + reason));
      forgotten.run();
      ready.complete(watch);
    });
    ready.get(5, TimeUnit.SECONDS);
    publish(new CredentialsRevoked(null, "lgn_a", null, false));
    awaitSize(ended, 1);
    publish(new CredentialsRevoked("usr_1", null, 1_000L, false)); // logout-all at t=1000: lgn_b is newer
    publish(new CredentialsRevoked("usr_1", null, 10_000L, true)); // disabled: every token and key of usr_1
    awaitSize(ended, 3);
    assertThat(ended).containsExactly("lgn_a credential_revoked", "lgn_b credential_revoked",
      "key_1 credential_revoked");
  }

  private void publish(CredentialsRevoked revoked) {
    vertx.eventBus().publish(AuthAddresses.CREDENTIALS_REVOKED, revoked);
  }

  private static void awaitSize(List<String> list, int size) throws Exception {
    Await.eventually(list::size, n -> n >= size);
    assertThat(list).hasSize(size);
  }
}
