package io.agentmesh.verticles.auth;

import io.agentmesh.contract.auth.AuthAddresses;
import io.agentmesh.contract.auth.UserDeleted;
import io.vertx.core.eventbus.EventBus;

import java.time.Instant;

/** What the auth domain tells the cluster about users: a change (cached views go), a deletion (their data goes). */
final class UserEvents {

  private final EventBus bus;

  UserEvents(EventBus bus) {
    this.bus = bus;
  }

  void changed(String userId) {
    bus.publish(AuthAddresses.USERS_CHANGED, userId);
  }

  void deleted(String userId) {
    bus.publish(AuthAddresses.USER_DELETED, new UserDeleted(userId, Instant.now()));
  }
}
