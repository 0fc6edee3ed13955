package io.agentmesh.verticles.mcp;

import io.agentmesh.contract.BusHeaders;
import io.agentmesh.contract.DomainException;
import io.agentmesh.contract.ErrorCode;
import io.agentmesh.contract.EventBusCodecs;
import io.agentmesh.contract.FieldError;
import io.agentmesh.contract.Principal;
import io.agentmesh.contract.ResourceId;
import io.agentmesh.contract.auth.Scopes;
import io.agentmesh.contract.tools.ToolAnnotations;
import io.agentmesh.contract.tools.ToolCall;
import io.agentmesh.contract.tools.ToolDefinition;
import io.agentmesh.contract.tools.ToolInvocation;
import io.agentmesh.contract.tools.ToolOutput;
import io.agentmesh.contract.tools.ToolRegistration;
import io.agentmesh.contract.tools.ToolResult;
import io.agentmesh.contract.tools.ToolsAddresses;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.DeployedDomain;
import io.vertx.core.eventbus.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The tool registry's own rules, through its bus addresses, with one stand-in tool and no other domain. */
@DisplayName("The tool registry")
class ToolRegistryDomainTest {

  private static final String ECHO_ADDRESS = "test.tools.echo";
  private static final String FAILING_ADDRESS = "test.tools.failing";
  private static final Map<String, Object> ECHO_INPUT = Map.of("type", "object", "additionalProperties", false,
    "required", List.of("text"), "properties", Map.of("text", Map.of("type", "string", "maxLength", 20)));

  @RegisterExtension
  static final DeployedDomain registry = DeployedDomain.of(McpVerticle::new).prepare(EventBusCodecs::register);

  private static final Principal CALLER = new Principal("usr_caller", Set.of("user"), Scopes.USER, null);

  @BeforeAll
  static void registerStandInTools() throws Exception {
    registry.vertx().eventBus().<ToolInvocation>consumer(ECHO_ADDRESS, call -> call.reply(new ToolOutput(Map.of(
      "echo", call.body().arguments().get("text"), "caller", BusHeaders.principal(call).userId()))));
    registry.vertx().eventBus().<ToolInvocation>consumer(FAILING_ADDRESS, call -> call.fail(500, "disk on fire"));
    request(ToolsAddresses.REGISTER, new ToolRegistration("standin", List.of(
      tool("echo_test", ECHO_ADDRESS, Scopes.AGENTS_READ), tool("failing_test", FAILING_ADDRESS, null))), CALLER);
  }

  private static ToolDefinition tool(String name, String address, String scope) {
    return ToolDefinition.of("standin", name, "Stand-in", "A tool of this test.", ECHO_INPUT,
      ToolAnnotations.READ_ONLY, address, scope);
  }

  private static <T> T request(String address, Object body, Principal caller) throws Exception {
    return Await.<Message<T>>result(registry.vertx().eventBus().request(address, body,
      BusHeaders.deliveryOptions(caller, "registry-test", 10_000))).body();
  }

  private static DomainException failure(String address, Object body, Principal caller) {
    Throwable thrown = catchThrowable(() -> request(address, body, caller));
    assertThat(thrown).as(address).isInstanceOf(DomainException.class);
    return (DomainException) thrown;
  }

  @Test
  @DisplayName("refuses a registration naming every bad tool, and keeps none of it")
  void registrationValidated() {
    DomainException refused = failure(ToolsAddresses.REGISTER, new ToolRegistration("careless", List.of(
      tool("has spaces", ECHO_ADDRESS, null), tool("no_address", null, null), tool("fine_one", ECHO_ADDRESS, null))),
      CALLER);
    assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(refused.errors()).extracting(FieldError::field)
      .containsExactlyInAnyOrder("tools.has spaces", "tools.no_address.address");
    assertThat(failure(ToolsAddresses.GET, new ResourceId("fine_one"), CALLER).code())
      .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  @DisplayName("runs a call as the caller, after checking the tool exists, both scopes, and the arguments")
  void invocationChecked() throws Exception {
    ToolResult echoed = request(ToolsAddresses.INVOKE, new ToolCall("echo_test", Map.of("text", "hi")), CALLER);
    assertThat(echoed.isError()).isFalse();
    assertThat(echoed.structuredContent()).isEqualTo(Map.of("echo", "hi", "caller", "usr_caller"));

    assertThat(failure(ToolsAddresses.INVOKE, new ToolCall("nope", Map.of()), CALLER).code())
      .isEqualTo(ErrorCode.NOT_FOUND);
    Principal noToolsCall = new Principal("usr_caller", Set.of("user"), Set.of(Scopes.AGENTS_READ), "key_1");
    assertThat(failure(ToolsAddresses.INVOKE, new ToolCall("echo_test", Map.of("text", "hi")), noToolsCall).code())
      .isEqualTo(ErrorCode.FORBIDDEN);
    Principal noToolScope = new Principal("usr_caller", Set.of("user"), Set.of(Scopes.TOOLS_CALL), "key_2");
    assertThat(failure(ToolsAddresses.INVOKE, new ToolCall("echo_test", Map.of("text", "hi")), noToolScope).code())
      .isEqualTo(ErrorCode.FORBIDDEN);

    DomainException invalid = failure(ToolsAddresses.INVOKE, new ToolCall("echo_test",
      Map.of("text", "x".repeat(30), "extra", true)), CALLER);
    assertThat(invalid.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(invalid.errors()).extracting(FieldError::field).allMatch(field -> field.startsWith("arguments"));
  }

  @Test
  @DisplayName("a tool that fails answers an error result, not a failed request, without its internal message")
  void toolFailureIsAResult() throws Exception {
    ToolResult failed = request(ToolsAddresses.INVOKE, new ToolCall("failing_test", Map.of("text", "hi")), CALLER);
    assertThat(failed.isError()).isTrue();
    assertThat(failed.text()).isEqualTo("The tool failed.").doesNotContain("disk on fire");
  }
}
