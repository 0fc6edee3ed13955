package io.agentmesh.bench;

import io.agentmesh.contract.AcceptedText;
import io.agentmesh.contract.MessageSchemas;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the edge's text rules add to a message's validation: {@link AcceptedText#problems} over a task submission
 * (a 1 KiB input, parameters, tools), against the whole {@link MessageSchemas#check} that now includes it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TextRulesBenchmark {

  private final JsonObject submission = new JsonObject().put("input", "Summarize the quarterly report. ".repeat(32))
    .put("max_steps", 4).put("tools", new JsonArray(List.of("whoami", "memory_read")))
    .put("parameters", new JsonObject().put("temperature", 0.2).put("max_total_tokens", 4000));

  @Benchmark
  public Object textRules() {
    return AcceptedText.problems(submission);
  }

  @Benchmark
  public Object schemaCheckWithTextRules() {
    return MessageSchemas.check("tasks.create", submission);
  }
}
