package io.agentmesh.verticles.agents;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.tools.ToolsAddresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

import java.util.List;

/**
 * Checks the tool names an agent lists against the tool registry: a name the registry does not know is a 422 for
 * that field. When no registry runs (a node without the mcp role anywhere), names are accepted, since the tasks
 * domain refuses unknown tools when it runs the agent.
 */
final class KnownTools {

  private final EventBus bus;

  KnownTools(EventBus bus) {
    this.bus = bus;
  }

  Future<Void> check(Principal caller, List<String> names) {
    return References.check(bus, caller, ToolsAddresses.GET, "tools", names, (field, name, failure) -> {
      if (failure instanceof DomainException domain && domain.code() == ErrorCode.NOT_FOUND) {
        return Future.succeededFuture(new FieldError(field, "is not a tool of the registry: " + name));
      }
      if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return Future.succeededFuture(null);
      }
      return Future.failedFuture(failure);
    });
  }
}
