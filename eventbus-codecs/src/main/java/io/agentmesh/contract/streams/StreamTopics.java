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
