package io.agentmesh.contract;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.agentmesh.contract.ping.PingReply;
import io.agentmesh.testing.Await;
import io.agentmesh.testing.TestClusters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The record codec")
class RecordCodecTest {

  private static Vertx sender;
  private static Vertx receiver;

  @BeforeAll
  static void cluster() throws Exception {
    String name = TestClusters.newClusterName();
    sender = Await.result(TestClusters.clusteredVertx(name));
    receiver = Await.result(TestClusters.clusteredVertx(name));
    EventBusCodecs.register(sender);
    EventBusCodecs.register(receiver);
    Await.result(receiver.eventBus().consumer("echo", message -> message.reply(message.body())).completion());
    Await.result(sender.eventBus().localConsumer("echo.local", message -> message.reply(message.body())).completion());
    Await.result(receiver.eventBus().consumer("refuse", message -> message.reply(new DomainException(
      ErrorCode.VALIDATION_FAILED, "bad", List.of(new FieldError("name", "too long"))))).completion());
  }

  @AfterAll
  static void leave() throws Exception {
    Await.result(Future.join(sender.close(), receiver.close()));
  }

  @Test
  @DisplayName("has a sample for every record of the contract, so the round trips below cover them all")
  void everyRecordHasASample() {
    Set<String> records = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.agentmesh.contract").stream()
      .filter(JavaClass::isRecord).map(JavaClass::getName).collect(Collectors.toSet());
    Set<String> sampled = MessageSamples.ALL.keySet().stream().map(Class::getName).collect(Collectors.toSet());
    assertThat(sampled).containsExactlyInAnyOrderElementsOf(records);
  }

  @Test
  @DisplayName("hands the same immutable record to a consumer on the same node, without copying")
  void localDeliveryPassesTheRecord() throws Exception {
    for (Record sample : MessageSamples.ALL.values()) {
      Object echoed = Await.result(sender.eventBus().request("echo.local", sample)).body();
      assertThat(echoed).isSameAs(sample);
    }
  }

  @Test
  @DisplayName("serializes every record to another node and back, equal but not the same instance")
  void clusteredDeliveryRoundTrips() throws Exception {
    for (Map.Entry<Class<? extends Record>, Record> sample : MessageSamples.ALL.entrySet()) {
      Object echoed = Await.result(sender.eventBus().request("echo", sample.getValue())).body();
      assertThat(echoed).isEqualTo(sample.getValue()).isNotSameAs(sample.getValue());
    }
  }

  @Test
  @DisplayName("carries a typed failure with its code and field details across the cluster")
  void typedFailureCrossesTheCluster() {
    assertThatThrownBy(() -> Await.result(sender.eventBus().request("refuse", "x")))
      .isInstanceOfSatisfying(DomainException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(e.failureCode()).isEqualTo(422);
        assertThat(e.errors()).containsExactly(new FieldError("name", "too long"));
      });
  }

  @Test
  @DisplayName("ignores fields it does not know and leaves missing ones null (rolling upgrades)")
  void toleratesUnknownAndMissingFields() throws Exception {
    byte[] newer = RecordCodec.write(new NewerPing("probe", "node-1", 42));
    assertThat(decode(PingReply.class.getName(), newer)).isEqualTo(new PingReply("probe", "node-1"));
    byte[] older = RecordCodec.write(new OlderPing("probe"));
    assertThat(decode(PingReply.class.getName(), older)).isEqualTo(new PingReply("probe", null));
  }

  @Test
  @DisplayName("refuses to instantiate a class from outside the contract")
  void refusesForeignClasses() {
    byte[] body = RecordCodec.write(new PingReply("a", "b"));
    assertThatThrownBy(() -> decode("java.lang.ProcessBuilder", body)).isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("not a message of the contract");
  }

  private static Record decode(String type, byte[] body) {
    byte[] name = type.getBytes();
    Buffer wire = Buffer.buffer().appendShort((short) name.length).appendBytes(name).appendInt(body.length)
      .appendBytes(body);
    return new RecordCodec().decodeFromWire(0, wire);
  }

  record NewerPing(String domain, String nodeId, int extra) {
  }

  record OlderPing(String domain) {
  }
}
