package io.agentmesh.node;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/ARCHITECTURE.md's module map names every module and every main class, so it cannot drift unseen. */
@DisplayName("The architecture's module map")
class ModuleMapTest {

  private static final Path ROOT = Path.of("..");
  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

  @Test
  @DisplayName("lists every Maven module and every class under src/main")
  void complete() throws IOException {
    String doc = Files.readString(ROOT.resolve("docs/ARCHITECTURE.md"));
    int start = doc.indexOf("## Module map");
    String map = doc.substring(doc.indexOf("```", start) + 3, doc.indexOf("```", doc.indexOf("```", start) + 3));
    List<String> modules = modules(ROOT, "").stream().filter(module -> !map.contains(lastPart(module) + "/")).toList();
    assertThat(modules).as("modules missing from the module map").isEmpty();
    List<String> classes;
    try (Stream<Path> files = Files.walk(ROOT)) {
      classes = files.filter(path -> path.toString().contains("/src/main/java/") && !path.toString()
        .contains("/target/") && !path.toString().contains("/bench/out/")
          && path.toString().endsWith(".java") && !path.getFileName().toString().equals("package-info.java"))
        .map(path -> path.getFileName().toString().replace(".java", ""))
        .filter(name -> !Pattern.compile("\\b" + name + "\\b").matcher(map).find())
        .sorted().toList();
    }
    assertThat(classes).as("main classes missing from the module map").isEmpty();
  }

  private static List<String> modules(Path dir, String prefix) throws IOException {
    Path pom = dir.resolve("pom.xml");
    if (!Files.exists(pom)) {
      return List.of();
    }
    Matcher declared = MODULE.matcher(Files.readString(pom));
    List<String> all = new ArrayList<>();
    while (declared.find()) {
      String module = prefix + declared.group(1);
      all.add(module);
      all.addAll(modules(dir.resolve(declared.group(1)), module + "/"));
    }
    return all;
  }

  private static String lastPart(String module) {
    return module.substring(module.lastIndexOf('/') + 1);
  }
}
