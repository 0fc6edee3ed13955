package io.agentmesh.verticles.auth;

import io.agentmesh.contract.auth.AuthAddresses;
import io.agentmesh.contract.auth.UserView;
import io.agentmesh.storage.ExpiringCache;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.Optional;

/**
 * Recently read user views, for {@code GET /auth/me} at request rates a database read each time would not sustain.
 * An entry lives at most {@link #TTL_MS}; any change to a user is published on {@link AuthAddresses#USERS_CHANGED}
 * and drops it on every node. A stale entry cannot let anyone in: tokens of disabled or deleted users are revoked
 * and refused before a request reaches this domain. One cache per verticle instance, touched only by its event loop.
 */
final class UserViewCache {

  static final long TTL_MS = 30_000;
  private static final int SIZE = 10_000;

  private final ExpiringCache<String, UserView> entries = new ExpiringCache<>(SIZE, TTL_MS);

  UserViewCache(Vertx vertx) {
    vertx.eventBus().<String>consumer(AuthAddresses.USERS_CHANGED, changed -> entries.remove(changed.body()));
  }

  Future<Optional<UserView>> get(String userId, UserStore users) {
    UserView cached = entries.get(userId);
    if (cached != null) {
      return Future.succeededFuture(Optional.of(cached));
    }
    return users.findById(userId).map(row -> {
      row.ifPresent(user -> entries.put(userId, user.view()));
      return row.map(UserRow::view);
    });
  }
}
