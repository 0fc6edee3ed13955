package io.agentmesh.node;

/** The node cannot start for a reason outside its configuration's syntax, such as an unreachable database. */
public final class StartupException extends RuntimeException {

  public StartupException(String message) {
    super(message);
  }
}
