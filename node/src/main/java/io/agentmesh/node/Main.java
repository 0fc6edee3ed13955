package io.agentmesh.node;

import io.agentmesh.node.config.ConfigException;
import io.agentmesh.node.config.ConfigLoader;
import io.agentmesh.node.config.NodeConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.time.Duration;

/**
 * {@code java -jar node.jar [--roles gateway,auth] [--config file.json]}. Exits 2 on bad configuration and 1 when
 * the node cannot start, printing one line that says why; SIGTERM leaves the cluster cleanly.
 */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    // Libraries that log through java.util.logging (Lucene, Hazelcast at its start) log through logback like the
    // rest: one format, and levels set in logback.xml.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    NodeConfig config;
    try {
      config = readConfig(NodeArguments.parse(args));
    } catch (ConfigException e) {
      fail(2, "config error: " + e.getMessage());
      return;
    }
    try {
      Node node = Node.start(config);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        node.stop();
        flushLogs();
      }, "agentmesh-shutdown"));
      if (config.runs("gateway")) {
        String base = "http://" + displayHost(config) + ":" + config.httpPort();
        System.out.println("agentmesh node " + node.nodeId() + " ready: API " + base + "/api/v1, docs " + base
          + "/docs");
      } else {
        System.out.println("agentmesh node " + node.nodeId() + " ready with roles " + config.roleNames());
      }
    } catch (ConfigException e) {
      fail(2, "config error: " + e.getMessage());
    } catch (RuntimeException e) {
      fail(1, "startup failed: " + e.getMessage());
    }
  }

  static NodeConfig readConfig(NodeArguments arguments) {
    Vertx bootstrap = Vertx.vertx();
    try {
      JsonObject json = Blocking.await(ConfigLoader.load(bootstrap, arguments.configFile()), Duration.ofSeconds(30));
      return NodeConfig.from(json, arguments.roles());
    } finally {
      Blocking.awaitQuietly(bootstrap.close(), Duration.ofSeconds(10));
    }
  }

  /** Logging is asynchronous: drain it before the JVM exits so the last lines of a shutdown are not lost. */
  private static void flushLogs() {
    if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
      context.stop();
    }
  }

  private static String displayHost(NodeConfig config) {
    String host = config.json().getJsonObject("http").getString("host");
    return host.equals("0.0.0.0") ? "localhost" : host;
  }

  private static void fail(int status, String line) {
    System.err.println("agentmesh: " + line.replace('\n', ' '));
    System.exit(status);
  }
}
