package io.agentmesh.node;

import io.agentmesh.node.auth.Api;
import io.agentmesh.testing.FreePorts;
import io.agentmesh.testing.SharedInfra;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node on a laptop, as a new user runs it (its own embedded servers): it listens only where configured, and a
 * second node started on the same data directory, or on a taken port, refuses at once with one line and leaves the
 * first node alone.
 */
@DisplayName("A local node keeps to itself")
class LocalNodeSafetyTest {

  @Test
  @DisplayName("no socket on a wildcard address; a second node on its data directory or port refuses in one line")
  void listensOnlyWhereConfiguredAndRefusesASecondNode() throws Exception {
    Path data = SharedInfra.tempDir("local");
    JsonObject config = embedded(data, FreePorts.next());
    try (NodeProcess first = NodeProcess.start(config, null, Map.of()).awaitReady(Duration.ofSeconds(120))) {
      List<ProcessHandle> processes = new ArrayList<>(first.processes());
      // pg_ctl starts the postmaster as a daemon, no longer a child: its pid file names it
      String postmaster = Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid")).get(0).trim();
      ProcessHandle.of(Long.parseLong(postmaster)).ifPresent(processes::add);
      List<String> wildcard = wildcardListeners(processes);
      assertThat(wildcard).as("listening sockets on 0.0.0.0 or ::").isEmpty();

      try (NodeProcess second = NodeProcess.start(embedded(data, FreePorts.next()), null, Map.of())) {
        assertThat(second.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(lastLine(second)).contains("data directory").contains("in use by a running node")
          .contains("scripts/cluster");
      }
      int port = config.getJsonObject("http").getInteger("port");
      try (NodeProcess third = NodeProcess.start(embedded(SharedInfra.tempDir("other"), port), null, Map.of())) {
        assertThat(third.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(lastLine(third)).contains("port " + port).contains("http.port");
      }
      try (Api api = new Api(port)) {
        assertThat(api.get("/health/ready", null).statusCode()).as("the first node is untouched").isEqualTo(200);
      }
      first.sigterm();
      first.awaitExit(Duration.ofSeconds(30));
    }
  }

  private static String lastLine(NodeProcess process) throws IOException {
    List<String> lines = process.output().lines().filter(line -> !line.isBlank()).toList();
    return lines.get(lines.size() - 1);
  }

  /** A node with every role that starts its own PostgreSQL and Redis in {@code data}, on free ports. */
  private static JsonObject embedded(Path data, int httpPort) {
    JsonObject config = TestNodes.config(TestClusters.newClusterName(), httpPort);
    config.getJsonObject("postgres").put("url", "").put("embedded_port", 0);
    config.getJsonObject("redis").put("url", "").put("embedded_port", 0);
    config.getJsonObject("node").put("data_dir", data.toString());
    return config;
  }

  /** Listening TCP sockets of these processes bound to 0.0.0.0 or ::, read from /proc (no network probe). */
  private static List<String> wildcardListeners(List<ProcessHandle> processes) throws IOException {
    Set<String> inodes = new HashSet<>();
    for (ProcessHandle process : processes) {
      Path fds = Path.of("/proc", String.valueOf(process.pid()), "fd");
      if (!Files.isDirectory(fds)) {
        continue;
      }
      try (var links = Files.list(fds)) {
        links.forEach(link -> {
          try {
            String target = Files.readSymbolicLink(link).toString();
            if (target.startsWith("socket:[")) {
              inodes.add(target.substring(8, target.length() - 1));
            }
          } catch (IOException gone) {
            // a descriptor closed while listing
          }
        });
      }
    }
    List<String> wildcard = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String row : Files.readAllLines(Path.of(table)).subList(1, Files.readAllLines(Path.of(table)).size())) {
        String[] f = row.trim().split("\\s+");
        boolean listening = f[3].equals("0A");
        String address = f[1].substring(0, f[1].indexOf(':'));
        if (listening && inodes.contains(f[9]) && address.matches("0+")) {
          wildcard.add(table + " " + f[1]);
        }
      }
    }
    assertThat(inodes).as("sockets found for the node's processes").isNotEmpty();
    return wildcard;
  }
}
