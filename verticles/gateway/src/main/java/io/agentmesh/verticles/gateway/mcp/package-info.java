/**
 * The MCP server over Streamable HTTP ({@code /mcp}): JSON-RPC exchange and sessions, the relay that lets any gateway
 * instance serve a session opened on another, tool calls and their cancellation, content mapping, server-sent event
 * streams, the origin and host checks, the scope each MCP method needs, and the OAuth protected-resource document.
 */
package io.agentmesh.verticles.gateway.mcp;
