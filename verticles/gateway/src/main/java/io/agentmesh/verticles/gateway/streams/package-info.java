/**
 * Event streams for clients: a topic ({@code tasks.<id>}, {@code ingest.<id>}) followed over server-sent events or
 * the WebSocket {@code /api/v1/stream}, each subscription authorized like the REST route of what it follows, resumed
 * after a sequence number from what the owning domain stored, then fed from one bus consumer per topic kind.
 */
package io.agentmesh.verticles.gateway.streams;
