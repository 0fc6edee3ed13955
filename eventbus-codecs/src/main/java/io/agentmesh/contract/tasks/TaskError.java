package io.agentmesh.contract.tasks;

/**
 * Why a task failed: {@code code} is one of provider_error, rate_limited, timeout, tool_error, invalid_request,
 * internal.
 */
public record TaskError(String code, String message) {
}
