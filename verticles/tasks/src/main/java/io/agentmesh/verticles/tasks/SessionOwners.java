package io.agentmesh.verticles.tasks;

import io.agentmesh.contract.Principal;
import io.agentmesh.contract.memory.Session;
import io.agentmesh.storage.ExpiringCache;

import java.util.Optional;

/**
 * Who owns a session and which agent it runs: facts of memory's sessions that never change, kept for a minute so
 * that a submission to a session seen before does not ask memory again (a bus request and a PostgreSQL read per
 * task). Forgotten when memory deletes the session or when an agent or a user goes. Memory stays the judge: the
 * task reads the session's context as its submitter, and a session deleted meanwhile fails it there.
 */
final class SessionOwners {

  /** A session's owner and agent. */
  record Owner(String userId, String agentId) {
  }

  private static final int MAX_SESSIONS = 50_000;
  private static final long TTL_MS = 60_000;

  private final ExpiringCache<String, Owner> owners = new ExpiringCache<>(MAX_SESSIONS, TTL_MS);

  /** The session's owner and agent when known and the caller may use the session (its owner, or an admin). */
  Optional<Owner> known(Principal caller, String sessionId) {
    Owner owner = owners.get(sessionId);
    return owner != null && (owner.userId().equals(caller.userId()) || caller.isAdmin())
      ? Optional.of(owner) : Optional.empty();
  }

  Owner remember(Session session) {
    Owner owner = new Owner(session.userId(), session.agentId());
    owners.put(session.id(), owner);
    return owner;
  }

  void forget(String sessionId) {
    owners.remove(sessionId);
  }

  /** An agent or a user was deleted, with their sessions: rare enough to forget every session. */
  void forgetAll() {
    owners.clear();
  }
}
