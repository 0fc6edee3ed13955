package io.agentmesh.contract.ecs;

import java.util.List;

/** A child of two entities, bred by the caller: at least one parent theirs, the other theirs or unowned. */
public record OffspringRequest(List<String> parentIds) {

  public OffspringRequest {
    parentIds = parentIds == null ? List.of() : List.copyOf(parentIds);
  }
}
