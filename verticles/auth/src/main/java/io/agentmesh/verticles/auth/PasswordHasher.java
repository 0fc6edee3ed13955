package io.agentmesh.verticles.auth;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Argon2id (native libargon2) on a small dedicated pool, never on an event loop. Hashes are PHC strings, so the
 * parameters travel with each hash and can be raised later ({@link #needsRehash}). The pool's queue is bounded:
 * past {@code hashQueueMax} waiting jobs a caller gets 503 with Retry-After instead of an unbounded wait.
 */
final class PasswordHasher {

  static final String POOL_NAME = "agentmesh-argon2";

  private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, 16, 32);
  private final WorkerExecutor pool;
  private final AuthOptions options;
  private final AtomicInteger queued = new AtomicInteger();
  private volatile String decoyHash;

  PasswordHasher(Vertx vertx, AuthOptions options) {
    this.pool = vertx.createSharedWorkerExecutor(POOL_NAME, options.hashThreads());
    this.options = options;
  }

  /** Prepares the decoy hash that unknown usernames are checked against, so they cost as much as real ones. */
  Future<Void> start() {
    return hash(UUID.randomUUID().toString()).onSuccess(hash -> decoyHash = hash).mapEmpty();
  }

  Future<String> hash(String password) {
    return run(() -> argon2.hash(options.argon2Iterations(), options.argon2MemoryKib(), options.argon2Parallelism(),
      password.getBytes(StandardCharsets.UTF_8)));
  }

  Future<Boolean> verify(String hash, String password) {
    return run(() -> argon2.verify(hash, password.getBytes(StandardCharsets.UTF_8)));
  }

  /** Spends the time of a real verification and answers false: the login of an unknown user. */
  Future<Boolean> verifyDecoy(String password) {
    return verify(decoyHash, password).map(ignored -> false);
  }

  boolean needsRehash(String hash) {
    return argon2.needsRehash(hash, options.argon2Iterations(), options.argon2MemoryKib(),
      options.argon2Parallelism());
  }

  Future<Void> close() {
    return pool.close();
  }

  /** Runs any job on the hashing pool, under the same queue bound. */
  <T> Future<T> onPool(Callable<T> job) {
    return run(job);
  }

  private <T> Future<T> run(Callable<T> job) {
    if (queued.incrementAndGet() > options.hashQueueMax()) {
      queued.decrementAndGet();
      return Future.failedFuture(DomainException.retryLater(ErrorCode.UNAVAILABLE,
        "Too many sign-ins are being processed; try again shortly.", 1));
    }
    return pool.<T>executeBlocking(job, false).onComplete(done -> queued.decrementAndGet());
  }
}
