package io.agentmesh.verticles.gateway.streams;

/**
 * One event as streams send it: the topic it belongs to, its number in that topic (from 1, without gaps), its type,
 * whether it is the topic's last, and its JSON, encoded once however many clients follow the topic.
 */
public record StreamEvent(String topic, long sequence, String type, boolean terminal, String json) {
}
