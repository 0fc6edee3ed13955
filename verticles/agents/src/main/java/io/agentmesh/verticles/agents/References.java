package io.agentmesh.verticles.agents;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.ResourceId;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks what an agent refers to (tools, collections) against the domain that owns it: one lookup per entry, as the
 * caller, all at once. An entry whose lookup fails is judged by {@link Verdict}: an error for its field, none, or a
 * failure of the whole check; every error found is one 422.
 */
final class References {

  private static final long TIMEOUT_MS = 3000;

  /** What a failed lookup means for entry {@code id} at {@code field}. */
  interface Verdict {
    Future<FieldError> of(String field, String id, Throwable failure);
  }

  private References() {
  }

  static Future<Void> check(EventBus bus, Principal caller, String address, String prefix, List<String> ids,
                            Verdict verdict) {
    List<Future<FieldError>> lookups = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      String field = prefix + "." + i;
      String id = ids.get(i);
      lookups.add(bus.request(address, new ResourceId(id), BusHeaders.deliveryOptions(caller, null, TIMEOUT_MS))
        .map(found -> (FieldError) null).recover(failure -> verdict.of(field, id, failure)));
    }
    return Future.all(lookups).compose(all -> {
      List<FieldError> unknown = all.<FieldError>list().stream().filter(Objects::nonNull).toList();
      return unknown.isEmpty() ? Future.succeededFuture() : Future.failedFuture(DomainException.validation(unknown));
    });
  }
}
