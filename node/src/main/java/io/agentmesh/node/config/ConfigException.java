package io.agentmesh.node.config;

/** A configuration value that stops the node from starting: which key, and why, in one line. */
public final class ConfigException extends RuntimeException {

  private final String key;

  public ConfigException(String key, String reason) {
    super(key + ": " + reason);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
