package io.agentmesh.verticles.gateway.streams;

import io.agentmesh.contract.MessageJson;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.streams.StreamTopics;
import io.agentmesh.contract.tasks.TaskEvent;
import io.agentmesh.contract.tasks.TaskEventPage;
import io.agentmesh.contract.tasks.TaskEventQuery;
import io.agentmesh.contract.tasks.TasksAddresses;
import io.agentmesh.verticles.gateway.http.BusClient;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** {@code tasks.<id>}: a task's events, readable by whoever may read the task. */
public final class TaskTopic implements TopicSource {

  private final BusClient bus;

  public TaskTopic(BusClient bus) {
    this.bus = bus;
  }

  public String prefix() {
    return StreamTopics.TASK;
  }

  public String idField() {
    return "task_id";
  }

  public String scope() {
    return Scopes.TASKS_READ;
  }

  public List<String> liveAddresses() {
    return List.of(TasksAddresses.EVENTS);
  }

  public StreamEvent event(Object published) {
    TaskEvent event = (TaskEvent) published;
    return new StreamEvent(StreamTopics.task(event.taskId()), event.sequence(), event.type(), event.terminal(),
      MessageJson.toJson(event).put("sequence_number", event.sequence()).encode());
  }

  public Future<Void> authorize(String id, RoutingContext ctx) {
    return bus.request(TasksAddresses.GET, new ResourceId(id), ctx).mapEmpty();
  }

  public Future<StreamPage> after(String id, long after, int limit, RoutingContext ctx) {
    return bus.<TaskEventPage>request(TasksAddresses.EVENTS_AFTER, new TaskEventQuery(id, after, limit), ctx)
      .map(page -> new StreamPage(page.data().stream().map(this::event).toList(), page.hasMore()));
  }
}
