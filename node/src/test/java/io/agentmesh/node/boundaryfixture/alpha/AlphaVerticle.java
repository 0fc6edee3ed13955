package io.agentmesh.node.boundaryfixture.alpha;

import io.agentmesh.node.boundaryfixture.beta.BetaStore;

/** A deliberate violation, for ModuleBoundaryTest: this "verticle" reaches into another one's store. */
public final class AlphaVerticle {

  public int peek() {
    return new BetaStore().count();
  }
}
