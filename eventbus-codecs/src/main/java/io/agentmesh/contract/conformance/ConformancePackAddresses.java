package io.agentmesh.contract.conformance;

/**
 * The conformance pack's prompts and resources ({@link McpPayload} in and out), which the gateway serves to MCP
 * guests when the pack is deployed ({@code mcp.conformance_pack}, dev mode only). Its tools are ordinary registry
 * tools with the scope {@link #SCOPE}, the only scope a guest holds.
 */
public final class ConformancePackAddresses {

  public static final String SCOPE = "conformance:fixtures";
  public static final String PROMPTS_LIST = "conformance.prompts.list";
  public static final String PROMPTS_GET = "conformance.prompts.get";
  public static final String RESOURCES_LIST = "conformance.resources.list";
  public static final String RESOURCES_READ = "conformance.resources.read";
  public static final String TEMPLATES_LIST = "conformance.resources.templates";
  public static final String COMPLETE = "conformance.completion.complete";

  private ConformancePackAddresses() {
  }
}
