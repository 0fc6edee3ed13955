package io.agentmesh.verticles.ecs;

import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;

/**
 * Who owns which living entity (the user who spawned or bred it) and which platform agent is linked to it. Beside
 * the world, not in it: the simulation never reads it. Changed only by commands (so replay rebuilds it) and by
 * deaths; saved with each snapshot. Touched by the tick thread only.
 */
final class Ownership {

  private final Map<Long, String> owners = new HashMap<>();
  private final Map<Long, String> agents = new HashMap<>();

  String owner(long id) {
    return owners.get(id);
  }

  String agent(long id) {
    return agents.get(id);
  }

  void own(long id, String userId) {
    owners.put(id, userId);
  }

  void link(long id, String agentId) {
    agents.put(id, agentId);
  }

  void died(long id) {
    owners.remove(id);
    agents.remove(id);
  }

  /** A deleted user's entities live on unowned, their links gone. */
  void disown(String userId) {
    owners.entrySet().removeIf(entry -> {
      if (entry.getValue().equals(userId)) {
        agents.remove(entry.getKey());
        return true;
      }
      return false;
    });
  }

  JsonObject toJson() {
    JsonObject owned = new JsonObject();
    owners.forEach((id, user) -> owned.put(Long.toString(id), user));
    JsonObject linked = new JsonObject();
    agents.forEach((id, agent) -> linked.put(Long.toString(id), agent));
    return new JsonObject().put("owners", owned).put("agents", linked);
  }

  static Ownership fromJson(JsonObject json) {
    Ownership ownership = new Ownership();
    read(json.getJsonObject("owners", new JsonObject()), ownership.owners);
    read(json.getJsonObject("agents", new JsonObject()), ownership.agents);
    return ownership;
  }

  private static void read(JsonObject from, Map<Long, String> into) {
    from.forEach(entry -> into.put(Long.parseLong(entry.getKey()), String.valueOf(entry.getValue())));
  }
}
