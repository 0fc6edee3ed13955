package io.agentmesh.contract;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;

/** Registers the contract's codecs on a Vert.x instance. Every node calls this once, before deploying verticles. */
public final class EventBusCodecs {

  private EventBusCodecs() {
  }

  public static void register(Vertx vertx) {
    EventBus bus = vertx.eventBus();
    bus.registerCodec(new RecordCodec());
    bus.registerDefaultCodec(DomainException.class, new DomainExceptionCodec());
    bus.codecSelector(body -> body instanceof Record ? RecordCodec.NAME : null);
  }
}
