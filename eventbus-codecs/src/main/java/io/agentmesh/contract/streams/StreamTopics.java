package io.agentmesh.contract.streams;

/**
 * The topics clients may follow, named once for every face that streams them (SSE, the WebSocket
 * {@code /api/v1/stream}, the browser bridge). A topic is a prefix and an id: {@code tasks.<task id>},
 * {@code ingest.<ingest job id>}. Topics are not bus addresses: a gateway fans the domain's published events out to
 * the topic's subscribers, each authorized like the REST route of the thing followed.
 */
public final class StreamTopics {

  /** A task's events ({@code TaskEvent}), ending with its terminal event. */
  public static final String TASK = "tasks.";
  /** An ingest job's progress ({@code IngestEvent}), ending with {@code rag.ingest.completed} or {@code failed}. */
  public static final String INGEST = "ingest.";
  /**
   * The ECS world's feeds, for any caller with {@code ecs:read}: {@code ecs.stats} ({@code EcsStatus} a few times a
   * second), {@code ecs.events} (a {@code WorldEvents} batch of births, deaths and matings) and {@code ecs.map} (a
   * whole-map {@code MapFrame}). Numbered by the world's tick: a subscriber gets the current state, then newer ones.
   */
  public static final String ECS = "ecs.";
  public static final String ECS_STATS = ECS + "stats";
  public static final String ECS_EVENTS = ECS + "events";
  public static final String ECS_MAP = ECS + "map";
  /** The longest topic name accepted; ids are far shorter. */
  public static final int MAX_LENGTH = 200;

  private StreamTopics() {
  }

  public static String task(String taskId) {
    return TASK + taskId;
  }

  public static String ingest(String jobId) {
    return INGEST + jobId;
  }
}
