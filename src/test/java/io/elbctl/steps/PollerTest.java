package io.elbctl.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.aws.CallStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollerTest {
  private final List<Duration> sleeps = new ArrayList<>();
  private final CallStats stats = new CallStats();
  private final Poller poller =
      new Poller(Duration.ofSeconds(1), Duration.ofSeconds(3), sleeps::add, stats, Progress.SILENT);

  @Test
  void until_backsOffByAQuarter_upToTheCeiling_andReturnsTheFinalState() {
    Iterator<String> states = List.of("P", "P", "P", "P", "P", "ISSUED").iterator();
    String result =
        poller.until("x", Duration.ofHours(1), states::next, "ISSUED"::equals, s -> s, "hint");
    assertThat(result).isEqualTo("ISSUED");
    assertThat(sleeps)
        .containsExactly(
            Duration.ofMillis(1000),
            Duration.ofMillis(1250),
            Duration.ofMillis(1562),
            Duration.ofMillis(1952),
            Duration.ofMillis(2440));
    assertThat(stats.waited()).isEqualTo(Duration.ofMillis(8204));
  }

  @Test
  void until_pastTheTimeout_endsWithExitCode5AndSaysWhatItWaitedFor() {
    assertThatThrownBy(
            () ->
                poller.until(
                    "ACM to issue the certificate",
                    Duration.ZERO,
                    () -> "PENDING_VALIDATION",
                    "ISSUED"::equals,
                    s -> s,
                    "check the delegation"))
        .isInstanceOf(ElbctlException.class)
        .hasMessage(
            "timed out after 0s waiting for ACM to issue the certificate (last status:"
                + " PENDING_VALIDATION); check the delegation.")
        .extracting(e -> ((ElbctlException) e).exitCode())
        .isEqualTo(ExitCode.TIMEOUT);
  }

  @Test
  void format_showsMinutesAndSeconds() {
    assertThat(Poller.format(Duration.ofSeconds(65))).isEqualTo("1m 05s");
    assertThat(Poller.format(Duration.ofSeconds(42))).isEqualTo("42s");
  }
}
