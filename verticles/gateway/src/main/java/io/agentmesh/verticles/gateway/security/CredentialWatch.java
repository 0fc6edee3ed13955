package io.agentmesh.verticles.gateway.security;

import io.agentmesh.contract.auth.AuthAddresses;
import io.agentmesh.contract.auth.CredentialsRevoked;
import io.agentmesh.contract.auth.UserDeleted;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Ends what a credential holds open (streams) when the credential ends: an access token at its {@code exp}, any
 * credential when the auth domain announces it revoked (logout, ended login, revoked key, password change,
 * logout-all) or its user disabled, changed or deleted. A request is checked once, when it arrives; a stream lasts,
 * so it is watched. Touched only by its gateway instance's event loop.
 */
public final class CredentialWatch {

  static final String EXPIRED = "credential_expired";
  static final String REVOKED = "credential_revoked";

  private final Vertx vertx;
  private final List<Watched> watched = new ArrayList<>();

  private final class Watched {
    final Caller caller;
    final Consumer<String> end;
    long timer = -1;

    Watched(Caller caller, Consumer<String> end) {
      this.caller = caller;
      this.end = end;
    }

    void end(String reason) {
      forget(this);
      end.accept(reason);
    }
  }

  public CredentialWatch(Vertx vertx) {
    this.vertx = vertx;
    vertx.eventBus().<CredentialsRevoked>consumer(AuthAddresses.CREDENTIALS_REVOKED,
      revoked -> endWhere(held -> revokes(revoked.body(), held)));
    vertx.eventBus().<UserDeleted>consumer(AuthAddresses.USER_DELETED,
      deleted -> endWhere(held -> deleted.body().userId().equals(held.principal().userId())));
  }

  /** Calls {@code end} once, with {@link #EXPIRED} or {@link #REVOKED}, unless the returned forget runs first. */
  public Runnable watch(Caller caller, Consumer<String> end) {
    Watched entry = new Watched(caller, end);
    watched.add(entry);
    if (caller.expiresAtMs() != null) {
      entry.timer = vertx.setTimer(Math.max(1, caller.expiresAtMs() - System.currentTimeMillis()),
        t -> entry.end(EXPIRED));
    }
    return () -> forget(entry);
  }

  private void forget(Watched entry) {
    if (watched.remove(entry) && entry.timer >= 0) {
      vertx.cancelTimer(entry.timer);
    }
  }

  private void endWhere(Predicate<Caller> ended) {
    List.copyOf(watched).stream().filter(entry -> ended.test(entry.caller)).forEach(entry -> entry.end(REVOKED));
  }

  private static boolean revokes(CredentialsRevoked revoked, Caller held) {
    if (revoked.credentialId() != null) {
      return revoked.credentialId().equals(held.principal().credentialId());
    }
    if (!revoked.userId().equals(held.principal().userId())) {
      return false;
    }
    return held.principal().viaApiKey() ? revoked.apiKeysToo()
      : held.issuedAtMs() == null || held.issuedAtMs() <= revoked.beforeMs();
  }
}
