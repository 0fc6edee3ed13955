package io.agentmesh.verticles.ecs.world;

import java.util.List;

/**
 * What a linked entity may be told to do (a platform agent acting for it), kept in {@link Components#INTENT} until a
 * tick: head for a place, head for a mate, forage wherever it is hungry or not, or rest (stand still, spend less).
 */
public final class Intents {

  public static final int NONE = 0;
  public static final int MOVE_TOWARD = 1;
  public static final int SEEK_MATE = 2;
  public static final int FORAGE = 3;
  public static final int REST = 4;

  /** Names by action number, as the API spells them. */
  public static final List<String> NAMES = List.of("none", "move_toward", "seek_mate", "forage", "rest");

  private Intents() {
  }
}
