package io.agentmesh.contract.tasks;

/** Addresses of the tasks domain; the caller travels in bus headers. */
public final class TasksAddresses {

  /** {@link TaskDraft} → {@link Task} (queued, or the original one for a repeated idempotency key). */
  public static final String SUBMIT = "tasks.submit";
  public static final String GET = "tasks.get";
  public static final String LIST = "tasks.list";
  /** A task id ({@code ResourceId}) → the task, {@code cancelling} or {@code cancelled}. */
  public static final String CANCEL = "tasks.cancel";
  /** {@link TaskEventQuery} → {@link TaskEventPage}: a task's stored events after a sequence number. */
  public static final String EVENTS_AFTER = "tasks.events.after";
  /** {@link CompletionRequest} → {@link CompletionResult}: one call of an agent's model, as the caller. */
  public static final String COMPLETE = "tasks.models.complete";
  /** Published ({@link TaskEvent}) for every event of every task; gateways fan them out to their streams. */
  public static final String EVENTS = "events.tasks";
  /** Published (a task id) when a task becomes claimable or is cancelled: idle workers look at once. */
  public static final String WAKE = "events.tasks.wake";

  private TasksAddresses() {
  }
}
