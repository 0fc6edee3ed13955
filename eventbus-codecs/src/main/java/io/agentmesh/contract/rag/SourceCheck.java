package io.agentmesh.contract.rag;

/**
 * Internal, to the node a source names: is {@code path} a directory under one of that node's watch roots? The
 * answer is the path as the node resolved it (symbolic links and {@code ..} followed), or a 422 naming why not.
 */
public record SourceCheck(String path) {
}
