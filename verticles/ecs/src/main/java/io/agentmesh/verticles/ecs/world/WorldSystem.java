package io.agentmesh.verticles.ecs.world;

/** One step of a tick, run over the world's creatures in a fixed order (see {@link World}). */
interface WorldSystem {

  void run(World world);
}
