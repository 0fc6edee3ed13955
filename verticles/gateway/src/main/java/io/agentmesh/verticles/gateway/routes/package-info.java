/**
 * The REST resources, one class per domain's face: auth, agents, memory, tasks, RAG, tools and
 * federated MCP servers, cluster and ping, health, metrics and the API documents. Each maps a route to one bus
 * request and its reply to a response; none holds state of its own.
 */
package io.agentmesh.verticles.gateway.routes;
