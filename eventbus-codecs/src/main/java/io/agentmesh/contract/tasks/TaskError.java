package io.agentmesh.contract.tasks;

/**
 * Why a task failed: {@code code} is one of provider_error, rate_limited, timeout, tool_error, invalid_request,
 * unavailable (a domain it needs had no node serving it for too long), internal.
 */
public record TaskError(String code, String message) {
}
