package io.agentmesh.node.boundaryfixture.beta;

/** The store another module should not touch. */
public final class BetaStore {

  public int count() {
    return 1;
  }
}
