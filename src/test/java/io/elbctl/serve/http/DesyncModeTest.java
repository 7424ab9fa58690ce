package io.elbctl.serve.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DesyncModeTest {
  /** ALB's table: Allowed, Allowed¹ (routed, then both connections closed) or Blocked. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      textBlock =
          """
          monitor,   Compliant,  allowed
          monitor,   Acceptable, allowed
          monitor,   Ambiguous,  allowed
          monitor,   Severe,     allowed
          defensive, Compliant,  allowed
          defensive, Acceptable, allowed
          defensive, Ambiguous,  allowed-then-closed
          defensive, Severe,     blocked
          strictest, Compliant,  allowed
          strictest, Acceptable, blocked
          strictest, Ambiguous,  blocked
          strictest, Severe,     blocked
          """)
  void decide_followsAlbsTable(String mode, String tier, String outcome) {
    MitigationDecision decision =
        DesyncMode.fromJsonName(mode)
            .orElseThrow()
            .decide(new Classification(Tier.fromLabel(tier).orElseThrow(), "any"));

    MitigationDecision expected =
        switch (outcome) {
          case "allowed" -> new MitigationDecision(true, 0, false, false);
          case "allowed-then-closed" -> new MitigationDecision(true, 0, true, true);
          case "blocked" -> new MitigationDecision(false, 400, true, false);
          default -> throw new AssertionError(outcome);
        };
    assertThat(decision).isEqualTo(expected);
    assertThat(decision)
        .isEqualTo(
            DesyncCases.expectedDecision(
                DesyncMode.fromJsonName(mode).orElseThrow(), Tier.fromLabel(tier).orElseThrow()));
  }

  @Test
  void jsonNames_areAlbsAttributeValues_andDefensiveIsTheDefault() {
    assertThat(DesyncMode.values())
        .extracting(DesyncMode::jsonName)
        .containsExactly("monitor", "defensive", "strictest");
    assertThat(DesyncMode.DEFAULT).isEqualTo(DesyncMode.DEFENSIVE);
    assertThat(DesyncMode.fromJsonName("Defensive")).isEmpty();
  }

  @Test
  void jsonNames_areTheSpecsModeNames() {
    assertThat(DesyncMode.values())
        .extracting(DesyncMode::jsonName)
        .containsExactlyElementsOf(io.elbctl.spec.LoadBalancer.DESYNC_MITIGATION_MODES);
    assertThat(DesyncMode.DEFAULT.jsonName())
        .isEqualTo(io.elbctl.spec.LoadBalancer.DEFAULT_DESYNC_MITIGATION_MODE);
  }

  @Test
  void accessLogFields_areHyphensForACompliantRequest() {
    assertThat(Classification.COMPLIANT.logClassification()).isEqualTo("-");
    assertThat(Classification.COMPLIANT.logReason()).isEqualTo("-");
    Classification severe = Classification.of(Reason.BAD_HEADER);
    assertThat(severe.logClassification()).isEqualTo("Severe");
    assertThat(severe.logReason()).isEqualTo("BadHeader");
  }
}
