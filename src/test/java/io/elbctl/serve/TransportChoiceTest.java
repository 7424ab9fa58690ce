package io.elbctl.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.cli.Cli;
import io.elbctl.serve.http.DesyncMode;
import io.elbctl.spec.SpecFixtures;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Which transport serve's event loops run on: by default the first of io_uring, epoll and NIO that
 * loads here, else the one {@code --transport} names, or one sentence when it does not load.
 */
class TransportChoiceTest {

  @Test
  void auto_runsOnTheFirstTransportThatLoads_andANamedOne_onThatOne() throws Exception {
    try (ServeFixture auto = new ServeFixture(DesyncMode.DEFENSIVE)) {
      assertThat(auto.alb.transport()).isEqualTo(Transports.available().get(0).cliName());
      assertThat(Transport.best()).isEqualTo(Transports.available().get(0));
    }
    for (TransportChoice choice : Transports.available()) {
      try (ServeFixture named = new ServeFixture(DesyncMode.DEFENSIVE, choice)) {
        assertThat(named.alb.transport()).isEqualTo(choice.cliName());
        try (RawClient client = named.client()) {
          assertThat(client.exchange("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").status())
              .isEqualTo(200);
        }
      }
    }
  }

  @Test
  void theNativeTransports_loadWhereTheyAreShipped() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    if (os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
      // The jar carries epoll's library for Linux x86-64: it must load there.
      assertThat(Epoll.isAvailable()).as("epoll: %s", Epoll.unavailabilityCause()).isTrue();
      if ("true".equals(System.getenv("CI"))) {
        // CI's kernel allows io_uring, so every transport is tested there.
        assertThat(IoUring.isAvailable())
            .as("io_uring: %s", IoUring.unavailabilityCause())
            .isTrue();
      }
    }
    assertThat(Transports.available()).endsWith(TransportChoice.NIO);
  }

  @Test
  void aNamedTransportThatDoesNotLoad_isOneSentence() {
    assertThatThrownBy(
            () ->
                Transport.require(
                    TransportChoice.IO_URING,
                    false,
                    new UnsatisfiedLinkError(
                        "failed to load the required native library\n\tsuppressed: more")))
        .isInstanceOf(ElbctlException.class)
        .hasMessage(
            "--transport io_uring does not load on this machine (failed to load the required"
                + " native library); leave --transport out to use the best one that does.")
        .satisfies(e -> assertThat(((ElbctlException) e).exitCode()).isEqualTo(ExitCode.ERROR));
  }

  @Test
  void anUnknownTransportName_isAUsageError() throws Exception {
    Cli.Result run =
        Cli.run(
            "serve",
            "-f",
            SpecFixtures.example("oauth2-split.json").toString(),
            "--transport",
            "kqueue");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code);
    assertThat(run.err()).contains("expected auto, io_uring, epoll or nio, got 'kqueue'");
  }
}
