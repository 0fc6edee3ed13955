package io.agentmesh.node;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The README")
class ConfigDocumentationTest {

  @Test
  @DisplayName("documents every configuration key of config/default.json in its table")
  void everyKeyDocumented() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    List<String> missing = new ArrayList<>();
    collect(TestNodes.defaults(), "", missing, readme);
    assertThat(missing).as("keys missing from the README's configuration table").isEmpty();
  }

  private static void collect(JsonObject json, String prefix, List<String> missing, String readme) {
    for (String key : json.fieldNames()) {
      Object value = json.getValue(key);
      if (value instanceof JsonObject nested) {
        collect(nested, prefix + key + ".", missing, readme);
      } else if (!readme.contains("| `" + prefix + key + "` |")) {
        missing.add(prefix + key);
      }
    }
  }
}
