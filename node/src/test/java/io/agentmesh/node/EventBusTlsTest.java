package io.agentmesh.node;

import io.agentmesh.node.cluster.ClusterSetup;
import io.agentmesh.node.config.ClusterSettings;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The event bus with bus.tls on")
class EventBusTlsTest {

  @Test
  @DisplayName("carries messages between nodes holding the trusted certificate, and not to a node without it")
  void mutualTls() throws Exception {
    String cluster = TestClusters.newClusterName();
    SelfSignedCertificate trusted = SelfSignedCertificate.create("localhost");
    SelfSignedCertificate stranger = SelfSignedCertificate.create("localhost");
    Vertx a = Await.result(TestClusters.clusteredVertx(cluster, options(trusted)));
    Vertx b = Await.result(TestClusters.clusteredVertx(cluster, options(trusted)));
    Vertx c = Await.result(TestClusters.clusteredVertx(cluster, options(stranger)));
    try (ExpectedFailureLogs quiet = ExpectedFailureLogs.quiet("io.vertx.core.net.impl.ConnectionBase")) {
      Await.result(b.eventBus().consumer("secure.echo", message -> message.reply(message.body())).completion());
      DeliveryOptions shortTimeout = new DeliveryOptions().setSendTimeout(2000);

      assertThat(Await.result(a.eventBus().request("secure.echo", "hello", shortTimeout)).body()).isEqualTo("hello");
      assertThatThrownBy(() -> Await.result(c.eventBus().request("secure.echo", "let me in", shortTimeout)))
        .as("a node whose certificate is not trusted").isNotNull();
    } finally {
      Await.result(Future.join(a.close(), b.close(), c.close()));
    }
  }

  private static VertxOptions options(SelfSignedCertificate certificate) {
    ClusterSettings settings = new ClusterSettings("cluster.xml", "unused", "127.0.0.1", 5701, 0, List.of("127.0.0.1"),
      true, certificate.privateKeyPath(), certificate.certificatePath(), certificate.certificatePath());
    return new VertxOptions().setEventBusOptions(ClusterSetup.eventBusOptions(settings));
  }
}
