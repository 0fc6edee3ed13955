package io.agentmesh.verticles.conformance;

import io.agentmesh.contract.ping.DomainPing;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The conformance pack: fixture tools, prompts and resources for the official MCP conformance suite. The node
 * deploys it only when {@code mcp.conformance_pack} is on, and refuses that outside dev mode; while it is on, the
 * gateway lets MCP clients without a credential in as guests, who reach these fixtures and nothing else.
 */
public final class ConformancePackVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    return Future.all(new FixtureTools(vertx).serve(), new FixtureContent(vertx).serve(),
      DomainPing.answer(vertx, "conformance", config().getString("node_id")));
  }
}
