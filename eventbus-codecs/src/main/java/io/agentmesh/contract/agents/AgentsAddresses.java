package io.agentmesh.contract.agents;

/** Addresses of the agents domain; bodies are records of this package, the caller travels in bus headers. */
public final class AgentsAddresses {

  public static final String CREATE = "agents.create";
  public static final String GET = "agents.get";
  public static final String LIST = "agents.list";
  public static final String UPDATE = "agents.update";
  public static final String DELETE = "agents.delete";
  /** The tasks domain reports an agent's status ({@link AgentStatusUpdate}); nobody writes the schema directly. */
  public static final String SET_STATUS = "agents.status.set";
  /** Every agent event ({@link AgentEvent}): created, updated, status, deleted. */
  public static final String EVENTS = "events.agents";

  private AgentsAddresses() {
  }

  /** The events of one agent, for streaming clients: {@code events.agents.<id>}. */
  public static String eventsOf(String agentId) {
    return EVENTS + "." + agentId;
  }
}
