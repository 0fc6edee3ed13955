package io.agentmesh.bench.ecs;

/**
 * One engine's version of the comparison world: the same entities (made from their ids by {@link BenchRules}) and
 * the same four systems, each engine storing and walking them its own way.
 */
interface BenchWorld {

  /** Needs and metabolism: energy, hunger, the need for company. */
  void metabolism();

  /** Movement: velocity and position on the wrapping map. */
  void movement();

  /** Social contact: the grid rebuilt, each entity's neighbours counted, the need for company met. */
  void social();

  /** Aging: a tick older; the dead are reborn in place (so the world stays the same size). */
  void aging();

  /** Every system once, in order, as a tick. */
  default void tick() {
    metabolism();
    movement();
    social();
    aging();
  }

  /** The world's state, folded independently of the order of entities. */
  long checksum();
}
