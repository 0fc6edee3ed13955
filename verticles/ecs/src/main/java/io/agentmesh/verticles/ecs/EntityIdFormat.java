package io.agentmesh.verticles.ecs;

/**
 * Entity ids as the API spells them: {@code ent_} and the engine's id in 16 hex digits, so text order is id order
 * (pages) and a stale id (an older generation of a reused slot) never names the entity living there now.
 */
final class EntityIdFormat {

  static final String PREFIX = "ent_";

  private EntityIdFormat() {
  }

  static String of(long id) {
    return id == 0 ? null : PREFIX + String.format("%016x", id);
  }

  /** The engine id, or 0 (no entity has it) when {@code text} is not an entity id. */
  static long parse(String text) {
    if (text == null || text.length() != PREFIX.length() + 16 || !text.startsWith(PREFIX)) {
      return 0;
    }
    try {
      return Long.parseUnsignedLong(text.substring(PREFIX.length()), 16);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
