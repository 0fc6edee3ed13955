package io.agentmesh.bench;

import com.hazelcast.config.Config;
import com.hazelcast.config.XmlConfigBuilder;
import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.EventBusCodecs;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.memory.ContextRequest;
import io.agentmesh.contract.memory.ContextWindow;
import io.agentmesh.contract.memory.MemoryAddresses;
import io.agentmesh.contract.memory.MessageDraft;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.io.FileInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Joins a running cluster as a member and measures {@code memory.context.build} as the tasks domain will call it:
 * fills a session with messages, then times context builds one after another.
 * Arguments: cluster-name user-id agent-id session-id messages budget builds.
 */
public final class ContextBuildBench {

  private ContextBuildBench() {
  }

  public static void main(String[] args) throws Exception {
    String clusterName = args[0];
    Principal owner = new Principal(args[1], Set.of("user"), Scopes.USER, null);
    String agentId = args[2];
    String sessionId = args[3];
    int messages = Integer.parseInt(args[4]);
    int budget = Integer.parseInt(args[5]);
    int builds = Integer.parseInt(args[6]);
    Config config = new XmlConfigBuilder(new FileInputStream("cluster.xml")).build().setClusterName(clusterName);
    Vertx vertx = Await.result(Vertx.builder().withClusterManager(new HazelcastClusterManager(config))
      .buildClustered());
    try {
      EventBusCodecs.register(vertx);
      DeliveryOptions asOwner = BusHeaders.deliveryOptions(owner, "bench", 60_000);
      List<Future<Object>> appends = new ArrayList<>();
      for (int i = 0; i < messages; i++) {
        String text = "Message " + i + ": the user asks about item " + (i * 7 % 101)
          + " and the agent answers briefly.";
        appends.add(vertx.eventBus().request(MemoryAddresses.MESSAGE_APPEND,
          new MessageDraft(sessionId, i % 2 == 0 ? "user" : "assistant", text, null, null), asOwner)
          .map(reply -> null));
        if (appends.size() == 100) {
          Await.result(Future.all(appends));
          appends.clear();
        }
      }
      Await.result(Future.all(appends));
      List<Long> micros = new ArrayList<>();
      ContextWindow last = null;
      for (int i = 0; i < builds + 50; i++) {
        long start = System.nanoTime();
        last = Await.result(vertx.eventBus().<ContextWindow>request(MemoryAddresses.CONTEXT_BUILD,
          new ContextRequest(agentId, sessionId, budget), asOwner)).body();
        if (i >= 50) { // warm-up
          micros.add((System.nanoTime() - start) / 1000);
        }
      }
      Collections.sort(micros);
      System.out.printf("context build: %d messages, budget %d, kept %d messages (%d tokens), dropped %d; "
          + "p50 %.2f ms, p99 %.2f ms over %d builds%n", messages, budget, last.messages().size(), last.totalTokens(),
        last.droppedMessages(), micros.get(micros.size() / 2) / 1000.0,
          micros.get((int) (micros.size() * 0.99)) / 1000.0,
        micros.size());
    } finally {
      Await.result(vertx.close());
    }
  }
}
