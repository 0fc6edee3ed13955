package io.agentmesh.contract.ping;

/**
 * A domain's answer to a ping: which domain answered and on which cluster node.
 *
 * @param domain the domain name, for example {@code auth}
 * @param nodeId the cluster node id of the verticle that answered
 */
public record PingReply(String domain, String nodeId) {
}
