package io.agentmesh.node.auth;

import io.agentmesh.node.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.agentmesh.node.auth.Api.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("With a refresh grace period")
class RefreshGraceTest {

  @RegisterExtension
  static final TestNode node = TestNode.withRoles("gateway,auth")
    .configure(config -> config.getJsonObject("auth").put("refresh_grace_seconds", 30));

  @Test
  @DisplayName("the token just used may come back once within the window; a third use still ends the login")
  void graceOnce() {
    Api api = node.api();
    String first = api.login(api.newUser("racer"), PASSWORD).getString("refresh_token");
    JsonObject a = Api.json(refresh(api, first));
    JsonObject b = Api.json(refresh(api, first));
    assertThat(a.getString("refresh_token")).isNotNull();
    assertThat(b.getString("refresh_token")).as("the racing client's pair").isNotNull()
      .isNotEqualTo(a.getString("refresh_token"));
    assertThat(refresh(api, first).statusCode()).isEqualTo(401);
    assertThat(refresh(api, a.getString("refresh_token")).statusCode()).as("family ended").isEqualTo(401);
  }

  private static HttpResponse<Buffer> refresh(Api api, String token) {
    return api.post("/api/v1/auth/refresh", null, new JsonObject().put("refresh_token", token));
  }
}
