package io.agentmesh.verticles.ecs.world;

import java.util.List;

/** The genome's traits, each a float in [0, 1], by field index of {@link Components#GENOME}. */
public final class Traits {

  public static final int SIZE = 0;
  public static final int SPEED = 1;
  public static final int SOCIABILITY = 2;
  public static final int CURIOSITY = 3;
  public static final int FERTILITY = 4;
  public static final int LONGEVITY = 5;
  public static final int AGGRESSION = 6;
  public static final int INTELLIGENCE = 7;
  public static final int COUNT = 8;

  public static final List<String> NAMES = List.of("size", "speed", "sociability", "curiosity", "fertility",
    "longevity", "aggression", "intelligence");

  private Traits() {
  }
}
