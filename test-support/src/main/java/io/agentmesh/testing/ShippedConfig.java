package io.agentmesh.testing;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration a node ships with ({@code config/default.json}, the only home of defaults), for module tests that
 * deploy a verticle without a node: they start from it and override what they test.
 */
public final class ShippedConfig {

  private ShippedConfig() {
  }

  /** A fresh copy of {@code config/default.json}, found from the module's directory upwards. */
  public static JsonObject defaults() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path defaults = dir.resolve("config").resolve("default.json");
      if (Files.isRegularFile(defaults)) {
        try {
          return new JsonObject(Files.readString(defaults));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new IllegalStateException("config/default.json not found above " + Path.of("").toAbsolutePath());
  }
}
