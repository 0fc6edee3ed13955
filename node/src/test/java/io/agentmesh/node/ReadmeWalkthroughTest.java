package io.agentmesh.node;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first-task walk-through, run as written with bash, curl and python3 against a node started with
 * {@code config/demo.json} (what {@code scripts/run --demo} adds); only the port is this test's.
 */
@DisplayName("The README's walk-through")
class ReadmeWalkthroughTest {

  private static final String MARK = "A first task, from a fresh clone";

  @RegisterExtension
  static final TestNode node = TestNode.withRoles("gateway,auth,agents,memory,mcp,tasks")
    .configure(ReadmeWalkthroughTest::withDemoScripts);

  @Test
  @DisplayName("runs as written: registers, creates an agent, runs a streamed task, reads the transcript")
  void runsAsWritten() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int from = readme.indexOf("```bash", readme.indexOf(MARK)) + "```bash".length();
    String commands = readme.substring(from, readme.indexOf("```", from))
      .replace("http://127.0.0.1:8080", "http://127.0.0.1:" + node.port());
    Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", commands).redirectErrorStream(true).start();
    assertThat(bash.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.exitValue()).as(output).isZero();
    assertThat(output).as(output).contains("event: task.tool_call").contains("event: task.completed")
      .contains("\"status\":\"completed\"").contains("You are signed in, and this answer was streamed to you.")
      .contains("\"role\":\"assistant\"").contains("\"field\":\"domain\"");
  }

  /** The scripts of {@code config/demo.json}, which the walk-through's agent uses. */
  private static void withDemoScripts(JsonObject config) {
    try {
      JsonObject demo = new JsonObject(Files.readString(Path.of("..", "config", "demo.json")));
      config.getJsonObject("providers").getJsonObject("scripted").mergeIn(demo.getJsonObject("providers")
        .getJsonObject("scripted"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
