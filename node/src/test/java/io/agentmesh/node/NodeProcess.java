package io.agentmesh.node;

import io.agentmesh.testing.Await;
import io.vertx.core.json.JsonObject;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A node in a JVM of its own, for tests where a process must die (SIGTERM, SIGKILL) or exit. It runs the launcher's
 * real {@code main} with this JVM's class path and a bounded heap; the shared PostgreSQL and Redis stay in the test
 * JVM, which is never killed.
 */
final class NodeProcess implements AutoCloseable {

  private final Process process;
  private final Path output;

  private NodeProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  static NodeProcess start(JsonObject config, String roles, Map<String, String> env) throws IOException {
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC",
      "-XX:TieredStopAtLevel=1"));
    command.addAll(jdkFlags());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    if (config != null) {
      command.addAll(List.of("--config", TestNodes.writeConfig(config).toString()));
    }
    if (roles != null) {
      command.addAll(List.of("--roles", roles));
    }
    Path output = Files.createTempFile("agentmesh-node-process", ".log");
    output.toFile().deleteOnExit();
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("AGENTMESH_"));
    builder.environment().putAll(env);
    return new NodeProcess(builder.start(), output);
  }

  /** Waits for the launcher's "ready" line; fails with the process output if it exits or takes too long. */
  NodeProcess awaitReady(Duration timeout) throws Exception {
    String out = Await.eventually(timeout, this::output, log -> isReady(log) || !process.isAlive());
    if (!isReady(out)) {
      throw new AssertionError("node exited with " + process.exitValue() + ":\n" + out);
    }
    return this;
  }

  private static boolean isReady(String log) {
    return log.contains("agentmesh node ") && log.contains(" ready");
  }

  int awaitExit(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("node did not exit within " + timeout + ":\n" + output());
    }
    return process.exitValue();
  }

  /** The node's process and its children (the embedded servers it started). */
  List<ProcessHandle> processes() {
    List<ProcessHandle> all = new ArrayList<>(List.of(process.toHandle()));
    process.toHandle().descendants().forEach(all::add);
    return all;
  }

  void sigterm() {
    process.destroy();
  }

  void sigkill() {
    process.destroyForcibly();
  }

  /** Freezes the process (SIGSTOP): it keeps its sockets and leases but does nothing until {@link #sigcont}. */
  void sigstop() throws Exception {
    signal("STOP");
  }

  void sigcont() throws Exception {
    signal("CONT");
  }

  private void signal(String name) throws Exception {
    int exit = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException("kill -" + name + " exited with " + exit);
    }
  }

  String output() throws IOException {
    return Files.readString(output);
  }

  @Override
  /**
   * Stops the node if a test left it running (a failed assertion): SIGTERM first, so that a node that started its
   * own embedded servers stops them (the daemonized postmaster would outlive a SIGKILL); SIGKILL after 15 s.
   */
  public void close() throws Exception {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /** The JDK access flags this test JVM was given (the build's), so a node process starts as cleanly. */
  private static List<String> jdkFlags() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
      .filter(arg -> arg.startsWith("--enable-native-access=") || arg.startsWith("--sun-misc-unsafe-memory-access="))
      .toList();
  }

  private static String javaBinary() {
    return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
  }
}
