package io.agentmesh.verticles.gateway.streams;

import io.agentmesh.contract.MessageJson;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.rag.IngestEvent;
import io.agentmesh.contract.rag.IngestEventPage;
import io.agentmesh.contract.rag.IngestEventQuery;
import io.agentmesh.contract.rag.RagAddresses;
import io.agentmesh.contract.streams.StreamTopics;
import io.agentmesh.verticles.gateway.http.BusClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;


/** {@code ingest.<id>}: an ingest job's progress, readable by whoever may read the job (its collection's owner). */
public final class IngestTopic implements TopicSource {

  private final BusClient bus;

  public IngestTopic(BusClient bus) {
    this.bus = bus;
  }

  public String prefix() {
    return StreamTopics.INGEST;
  }

  public String idField() {
    return "job_id";
  }

  public String scope() {
    return Scopes.RAG_READ;
  }

  public List<String> liveAddresses() {
    return List.of(RagAddresses.INGEST_EVENTS);
  }

  public StreamEvent event(Object published) {
    IngestEvent event = (IngestEvent) published;
    JsonObject json = MessageJson.toJson(event).put("sequence_number", event.sequence());
    json.remove("owner_id"); // routing for the gateway, not news for the client
    return new StreamEvent(StreamTopics.ingest(event.jobId()), event.sequence(), event.type(), event.terminal(),
      json.encode());
  }

  public Future<Void> authorize(String id, RoutingContext ctx) {
    return bus.request(RagAddresses.JOB_GET, new ResourceId(id), ctx).mapEmpty();
  }

  public Future<StreamPage> after(String id, long after, int limit, RoutingContext ctx) {
    return bus.<IngestEventPage>request(RagAddresses.JOB_EVENTS_AFTER, new IngestEventQuery(id, after, limit), ctx)
      .map(page -> new StreamPage(page.data().stream().map(this::event).toList(), page.hasMore()));
  }
}
