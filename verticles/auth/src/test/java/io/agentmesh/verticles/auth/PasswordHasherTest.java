package io.agentmesh.verticles.auth;

import io.agentmesh.contract.DomainException;
import io.agentmesh.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The password hasher")
class PasswordHasherTest {

  private static Vertx vertx;
  private static PasswordHasher hasher;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    hasher = new PasswordHasher(vertx, AuthOptions.fromConfig(new JsonObject().put("auth",
      new JsonObject().put("hash_queue_max", 4))));
    Await.result(hasher.start());
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  @Test
  @DisplayName("hashes on its own pool, never on an event loop or the caller's thread")
  void runsOnItsPool() throws Exception {
    String thread = Await.result(vertx.<String>executeBlocking(() -> null).compose(x ->
      hasher.onPool(() -> Thread.currentThread().getName())));
    assertThat(thread).startsWith(PasswordHasher.POOL_NAME);
  }

  @Test
  @DisplayName("stores Argon2id with OWASP parameters in PHC format and verifies exactly what it was given")
  void phcFormat() throws Exception {
    String hash = Await.result(hasher.hash("Pässword with ünïcode"));
    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(Await.result(hasher.verify(hash, "Pässword with ünïcode"))).isTrue();
    assertThat(Await.result(hasher.verify(hash, "Pässword with ünïcode "))).isFalse();
    assertThat(hasher.needsRehash(hash)).isFalse();
  }

  @Test
  @DisplayName("asks for a rehash when the configured parameters were raised")
  void rehashWhenParametersRise() throws Exception {
    PasswordHasher weaker = new PasswordHasher(vertx, AuthOptions.fromConfig(new JsonObject().put("auth",
      new JsonObject().put("argon2_iterations", 1).put("argon2_memory_kib", 8192))));
    String old = Await.result(weaker.hash("an older password hash"));
    assertThat(hasher.needsRehash(old)).isTrue();
    assertThat(Await.result(hasher.verify(old, "an older password hash"))).as("old hashes still verify").isTrue();
  }

  @Test
  @DisplayName("refuses work beyond its queue with a 503 that says when to retry, instead of queueing forever")
  void boundedQueue() {
    List<Future<String>> jobs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      jobs.add(hasher.hash("password number " + i));
    }
    assertThat(jobs).anySatisfy(job -> assertThatThrownBy(() -> Await.result(job)).isInstanceOf(
      DomainException.class));
  }
}
