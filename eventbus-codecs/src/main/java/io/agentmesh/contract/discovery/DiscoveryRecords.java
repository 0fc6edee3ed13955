package io.agentmesh.contract.discovery;

/**
 * Names used in service-discovery records, so the node that publishes them and the gateway that reads them agree.
 * A node publishes one record of type {@link #NODE_TYPE} and one of type {@link #DOMAIN_TYPE} per domain it runs.
 */
public final class DiscoveryRecords {

  public static final String NODE_TYPE = "agentmesh-node";
  public static final String DOMAIN_TYPE = "agentmesh-domain";
  /** One per federated MCP server per mcp node connected to it; location {@code endpoint} is its URL. */
  public static final String UPSTREAM_TYPE = "mcp-upstream";
  /** One per configured model provider endpoint per tasks node; location {@code endpoint} is its base URL. */
  public static final String PROVIDER_TYPE = "llm-provider";

  /** Metadata keys. */
  public static final String NODE_ID = "node_id";
  public static final String ROLES = "roles";
  public static final String DOMAIN = "domain";
  public static final String HTTP_PORT = "http_port";
  public static final String STARTED_AT = "started_at";
  public static final String UPSTREAM = "upstream";
  public static final String PROVIDER = "provider";

  private DiscoveryRecords() {
  }
}
