package io.agentmesh.verticles.gateway.streams;

import java.util.List;

/** Stored events of a topic read back for a subscriber catching up; {@code hasMore}: read again after the last. */
public record StreamPage(List<StreamEvent> events, boolean hasMore) {
}
