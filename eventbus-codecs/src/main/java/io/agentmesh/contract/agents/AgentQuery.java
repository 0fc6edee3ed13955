package io.agentmesh.contract.agents;

/** List parameters: the platform's, plus a status filter, a name prefix, and (admins only) an owner. */
public record AgentQuery(Integer limit, String order, String after, String before, String status, String namePrefix,
  String owner) {
}
