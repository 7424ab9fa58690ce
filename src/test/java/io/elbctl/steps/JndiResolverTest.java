package io.elbctl.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbctl.LoopbackDns;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The resolver status and doctor use, against a DNS server on loopback. */
class JndiResolverTest {
  @Test
  void answers_areTheServersARecords_andAnUnknownNameHasNone() throws Exception {
    try (LoopbackDns dns = new LoopbackDns()) {
      dns.a("my-alb-1.eu-west-1.elb.amazonaws.com", "127.0.0.10", "127.0.0.11");
      JndiResolver resolver = new JndiResolver(dns.server());

      assertThat(resolver.query("my-alb-1.eu-west-1.elb.amazonaws.com", "A"))
          .containsExactlyInAnyOrder("127.0.0.10", "127.0.0.11");
      assertThat(resolver.query("nothing.example.com", "A")).isEmpty();
    }
  }

  @Test
  void aServerThatNeverAnswers_isAnIOException() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      JndiResolver resolver = new JndiResolver("127.0.0.1:" + silent.getLocalPort());

      assertThatThrownBy(() -> resolver.query("example.com", "A")).isInstanceOf(IOException.class);
    }
  }
}
