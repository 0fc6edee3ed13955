package io.agentmesh.contract.mcp;

import java.util.Map;

/**
 * A JSON-RPC response POSTed by an MCP client to a server request, relayed by the node that received it to the
 * gateway instance that sent the request (named in the request's id).
 *
 * @param rpcId the response's id, as JSON
 */
public record ClientResponse(String sessionId, String rpcId, Map<String, Object> result, Map<String, Object> error) {
}
