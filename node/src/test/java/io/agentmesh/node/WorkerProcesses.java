package io.agentmesh.node;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Nodes running only the tasks role (or the roles given), each in a process of its own, known by node id (what task
 * and ingest events name). As a static {@code @RegisterExtension} field, the ones still running are stopped after
 * the class's tests.
 */
final class WorkerProcesses implements AfterAllCallback, AutoCloseable {

  private final Map<String, NodeProcess> byId = new HashMap<>();

  /** Starts one and waits until it is ready; answers its node id. */
  String start(JsonObject config) throws Exception {
    return start(config, "tasks");
  }

  /** As above, with other roles. */
  String start(JsonObject config, String roles) throws Exception {
    NodeProcess worker = NodeProcess.start(config, roles, Map.of()).awaitReady(Duration.ofSeconds(90));
    String line = worker.output().lines().filter(l -> l.contains("agentmesh node ") && l.contains(" ready"))
      .findFirst().orElseThrow();
    String id = line.substring(line.indexOf("agentmesh node ") + 15).split(" ")[0];
    synchronized (byId) {
      byId.put(id, worker);
    }
    return id;
  }

  NodeProcess get(String nodeId) {
    return byId.get(nodeId);
  }

  Set<String> ids() {
    return Set.copyOf(byId.keySet());
  }

  NodeProcess remove(String nodeId) {
    synchronized (byId) {
      return byId.remove(nodeId);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    close();
  }

  @Override
  public void close() throws Exception {
    for (NodeProcess worker : byId.values()) {
      worker.close();
    }
    byId.clear();
  }
}
