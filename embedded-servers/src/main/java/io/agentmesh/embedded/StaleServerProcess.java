package io.agentmesh.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An embedded server outlives a node killed with SIGKILL (it is a child process nobody stops). Before starting on the
 * same data directory we stop that orphan, identified by the pid file it left and by its command name.
 */
final class StaleServerProcess {

  private static final Logger LOG = LoggerFactory.getLogger(StaleServerProcess.class);

  private StaleServerProcess() {
  }

  static void stop(Path pidFile, String commandName) throws IOException {
    Optional<ProcessHandle> orphan = readPid(pidFile).flatMap(ProcessHandle::of)
      .filter(ProcessHandle::isAlive)
      .filter(p -> p.info().command().map(c -> c.contains(commandName)).orElse(false));
    if (orphan.isEmpty()) {
      return;
    }
    ProcessHandle process = orphan.get();
    LOG.warn("Stopping a {} server (pid {}) left running on {} by an earlier node", commandName, process.pid(),
      pidFile.getParent());
    process.destroy();
    try {
      process.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
    }
  }

  private static Optional<Long> readPid(Path pidFile) throws IOException {
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    try {
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
