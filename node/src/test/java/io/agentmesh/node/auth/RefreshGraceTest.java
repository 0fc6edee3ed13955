package io.agentmesh.node.auth;

import io.agentmesh.node.Node;
import io.agentmesh.node.TestNodes;
import io.agentmesh.testing.FreePorts;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.agentmesh.node.auth.Api.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("With a refresh grace period")
class RefreshGraceTest {

  @Test
  @DisplayName("the token just used may come back once within the window; a third use still ends the login")
  void graceOnce() {
    JsonObject config = TestNodes.config(TestClusters.newClusterName(), FreePorts.next());
    config.getJsonObject("auth").put("refresh_grace_seconds", 30);
    Node node = TestNodes.start(config, "gateway,auth");
    try (Api api = new Api(node.config().httpPort())) {
      String first = api.login(api.newUser("racer"), PASSWORD).getString("refresh_token");
      JsonObject a = Api.json(refresh(api, first));
      JsonObject b = Api.json(refresh(api, first));
      assertThat(a.getString("refresh_token")).isNotNull();
      assertThat(b.getString("refresh_token")).as("the racing client's pair").isNotNull()
        .isNotEqualTo(a.getString("refresh_token"));
      assertThat(refresh(api, first).statusCode()).isEqualTo(401);
      assertThat(refresh(api, a.getString("refresh_token")).statusCode()).as("family ended").isEqualTo(401);
    } finally {
      node.stop();
    }
  }

  private static io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> refresh(Api api, String token) {
    return api.post("/api/v1/auth/refresh", null, new JsonObject().put("refresh_token", token));
  }
}
