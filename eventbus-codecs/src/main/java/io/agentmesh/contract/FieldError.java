package io.agentmesh.contract;

/**
 * One invalid field of a request: which one (a JSON pointer-like path such as {@code model.temperature}) and why.
 */
public record FieldError(String field, String reason) {
}
