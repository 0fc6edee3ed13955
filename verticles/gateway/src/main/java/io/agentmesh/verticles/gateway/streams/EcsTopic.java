package io.agentmesh.verticles.gateway.streams;

import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.MessageJson;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.ecs.EcsAddresses;
import io.agentmesh.contract.ecs.EcsStatus;
import io.agentmesh.contract.ecs.MapFrame;
import io.agentmesh.contract.ecs.MapQuery;
import io.agentmesh.contract.ecs.WorldEvents;
import io.agentmesh.contract.streams.StreamTopics;
import io.agentmesh.verticles.gateway.http.BusClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * {@code ecs.stats}, {@code ecs.events}, {@code ecs.map}: the world's feeds, numbered by tick. A subscriber first
 * gets the current status or map (the events feed starts with what comes next), then each newer one.
 */
public final class EcsTopic implements TopicSource {

  /** The map frame a new subscriber is sent: as the published ones, at most this many entities. */
  private static final int MAP_POINTS = 2000;

  private final BusClient bus;

  public EcsTopic(BusClient bus) {
    this.bus = bus;
  }

  public String prefix() {
    return StreamTopics.ECS;
  }

  public String idField() {
    return "ecs_feed";
  }

  public String scope() {
    return Scopes.ECS_READ;
  }

  public List<String> liveAddresses() {
    return List.of(EcsAddresses.STATS_EVENTS, EcsAddresses.WORLD_EVENTS, EcsAddresses.MAP_EVENTS);
  }

  @Override
  public boolean numbered() {
    return false;
  }

  public StreamEvent event(Object published) {
    if (published instanceof EcsStatus status) {
      return feed(StreamTopics.ECS_STATS, status.tick(), MessageJson.toJson(status));
    }
    if (published instanceof MapFrame frame) {
      return feed(StreamTopics.ECS_MAP, frame.tick(), MessageJson.toJson(frame));
    }
    WorldEvents events = (WorldEvents) published;
    return feed(StreamTopics.ECS_EVENTS, events.tick(), MessageJson.toJson(events));
  }

  private static StreamEvent feed(String topic, long tick, JsonObject json) {
    return new StreamEvent(topic, tick, topic, false, json.put("type", topic).put("sequence_number", tick).encode());
  }

  public Future<Void> authorize(String id, RoutingContext ctx) {
    String topic = StreamTopics.ECS + id;
    if (!topic.equals(StreamTopics.ECS_STATS) && !topic.equals(StreamTopics.ECS_EVENTS)
      && !topic.equals(StreamTopics.ECS_MAP)) {
      return Future.failedFuture(DomainException.notFound("Topic " + topic));
    }
    return Future.succeededFuture();
  }

  public Future<StreamPage> after(String id, long after, int limit, RoutingContext ctx) {
    String topic = StreamTopics.ECS + id;
    if (topic.equals(StreamTopics.ECS_STATS)) {
      return bus.<EcsStatus>request(EcsAddresses.STATUS, new ResourceId("world"), ctx)
        .map(status -> new StreamPage(status.tick() > after ? List.of(event(status)) : List.of(), false));
    }
    if (topic.equals(StreamTopics.ECS_MAP)) {
      return bus.<MapFrame>request(EcsAddresses.MAP, new MapQuery(null, null, null, null, null, MAP_POINTS), ctx)
        .map(frame -> new StreamPage(frame.tick() > after ? List.of(event(frame)) : List.of(), false));
    }
    return Future.succeededFuture(new StreamPage(List.of(), false));
  }
}
