package io.agentmesh.verticles.gateway.streams;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * A kind of topic clients may follow: the prefix it is named by, the scope a subscriber needs, the bus address its
 * events are published on, and the owning domain's two answers for a subscriber: may this caller follow this id (the
 * REST route's rule: 404 otherwise), and what was stored after a sequence number.
 */
public interface TopicSource {

  /** The topic prefix, from {@code StreamTopics}. */
  String prefix();

  /** The field naming the followed thing in WebSocket messages ({@code task_id}, {@code job_id}). */
  String idField();

  /** The scope a subscriber's credential needs; the domain checks it again. */
  String scope();

  /** Where the domain publishes every event of every topic of this kind. */
  List<String> liveAddresses();

  /**
   * Whether the topic's events are numbered 1, 2, 3... and each matters (a subscriber gets every one, gaps are
   * repaired from the store); false for a state feed numbered by the world's tick, where a subscriber gets the
   * current state, then each newer one as it comes.
   */
  default boolean numbered() {
    return true;
  }

  /** A published event as streams send it. */
  StreamEvent event(Object published);

  /** Succeeds when the caller of {@code ctx} may follow {@code id}; fails as the REST route would. */
  Future<Void> authorize(String id, RoutingContext ctx);

  /** Stored events of {@code id} after {@code after}, at most {@code limit}, as the caller of {@code ctx}. */
  Future<StreamPage> after(String id, long after, int limit, RoutingContext ctx);
}
