package io.agentmesh.node;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quiets, for a test's duration, the loggers that report as errors a failure the test causes on purpose (a Redis
 * stopped under a node, a peer killed, a TLS peer refused), so that an ERROR line in a passing run means something.
 */
public final class ExpectedFailureLogs implements AutoCloseable {

  private final Map<Logger, Level> previous = new LinkedHashMap<>();

  private ExpectedFailureLogs(String... names) {
    for (String name : names) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      previous.put(logger, logger.getLevel());
      logger.setLevel(Level.OFF);
    }
  }

  public static ExpectedFailureLogs quiet(String... loggers) {
    return new ExpectedFailureLogs(loggers);
  }

  @Override
  public void close() {
    previous.forEach(Logger::setLevel);
  }
}
