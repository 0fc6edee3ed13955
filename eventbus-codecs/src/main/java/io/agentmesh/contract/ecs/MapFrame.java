package io.agentmesh.contract.ecs;

import java.util.List;

/**
 * A compact picture of the map at {@code tick}: {@code points} holds x, y and the trait's value of each entity
 * shown, three numbers apiece, in the order of {@code ids}; {@code total}: how many the box holds, of which
 * {@code ids.size()} are shown ({@code decimated} when fewer).
 */
public record MapFrame(long tick, double width, double height, String trait, int total, boolean decimated,
                       List<String> ids, List<Float> points) {

  public MapFrame {
    ids = List.copyOf(ids);
    points = List.copyOf(points);
  }
}
