package io.agentmesh.contract;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The principal header")
class PrincipalTest {

  @Test
  @DisplayName("round-trips, sorted and escaped, anonymous included")
  void roundTrip() {
    Principal principal = new Principal("usr_\"1\"", Set.of("user", "admin"), Set.of("b", "a"), "lgn_1");
    assertThat(principal.toHeader())
      .isEqualTo("{\"sub\":\"usr_\\\"1\\\"\",\"roles\":[\"admin\",\"user\"],"
        + "\"scopes\":[\"a\",\"b\"],\"cid\":\"lgn_1\"}");
    assertThat(Principal.fromHeader(principal.toHeader())).isEqualTo(principal);
    Principal odd = new Principal("usr_\\\n\u0001é", Set.of("user"), Set.of(), null);
    assertThat(odd.toHeader()).startsWith("{\"sub\":\"usr_\\\\\\u000a\\u0001é\"");
    assertThat(Principal.fromHeader(odd.toHeader())).isEqualTo(odd);
    assertThat(Principal.fromHeader(Principal.ANONYMOUS.toHeader())).isEqualTo(Principal.ANONYMOUS);
    assertThat(Principal.fromHeader(null)).isEqualTo(Principal.ANONYMOUS);
  }
}
