package io.agentmesh.bench;

import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * CPU time the benchmarked processes (the node, PostgreSQL) spent, read from the operating system. On a shared,
 * noisy machine a task's CPU cost is steadier than its rate: it compares code versions where tasks/s cannot.
 * Processes that end between two readings (PostgreSQL backends do not, with pooled connections) are not counted.
 */
final class ProcessCpu {

  private final Predicate<ProcessHandle> which;

  private ProcessCpu(Predicate<ProcessHandle> which) {
    this.which = which;
  }

  /** The node: a JVM started from the node jar. */
  static ProcessCpu node() {
    return new ProcessCpu(process -> process.info().commandLine().map(line -> line.contains("agentmesh-node"))
      .orElse(false));
  }

  /** Every PostgreSQL process (postmaster, backends, writers). */
  static ProcessCpu postgres() {
    return new ProcessCpu(process -> process.info().command().map(command -> command.endsWith("/postgres"))
      .orElse(false));
  }

  /** CPU time so far, per process id. */
  Map<Long, Duration> read() {
    return ProcessHandle.allProcesses().filter(which).collect(Collectors.toMap(ProcessHandle::pid,
      process -> process.info().totalCpuDuration().orElse(Duration.ZERO)));
  }

  /** CPU milliseconds spent since {@code before} by the processes alive in both readings. */
  static double millisSince(Map<Long, Duration> before, Map<Long, Duration> after) {
    return after.entrySet().stream().filter(entry -> before.containsKey(entry.getKey()))
      .mapToDouble(entry -> entry.getValue().minus(before.get(entry.getKey())).toNanos() / 1e6).sum();
  }
}
