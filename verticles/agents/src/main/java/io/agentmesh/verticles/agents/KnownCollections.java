package io.agentmesh.verticles.agents;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.rag.RagAddresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

import java.util.List;

/**
 * Checks an agent's {@code knowledge}: each entry must be a collection its owner may read, asked of the rag domain
 * as the caller; anything else is a 422 for that entry. With no rag domain running anywhere, entries that are
 * collection ids in form are accepted (a task's search checks again when it runs).
 */
final class KnownCollections {

  private final EventBus bus;

  KnownCollections(EventBus bus) {
    this.bus = bus;
  }

  Future<Void> check(Principal caller, List<String> ids) {
    return References.check(bus, caller, RagAddresses.COLLECTION_GET, "knowledge", ids, (field, id, failure) -> {
      if (failure instanceof DomainException domain && domain.code() == ErrorCode.NOT_FOUND) {
        return Future.succeededFuture(new FieldError(field, "is not a collection you can read: " + id));
      }
      if (failure instanceof DomainException domain && domain.code() == ErrorCode.FORBIDDEN) {
        return Future.succeededFuture(new FieldError(field, "your credential cannot read collections (rag:read)"));
      }
      if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return Future.succeededFuture(AgentRows.COLLECTION_ID.matcher(id).matches() ? null
          : new FieldError(field, "is not a collection id: " + id));
      }
      return Future.failedFuture(failure);
    });
  }
}
