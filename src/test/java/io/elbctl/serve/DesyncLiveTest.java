package io.elbctl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.serve.http.DesyncCases;
import io.elbctl.serve.http.DesyncMode;
import io.elbctl.serve.http.MitigationDecision;
import io.elbctl.serve.http.Tier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of http-desync-guardian's suite, as raw bytes to a live {@code serve} in each desync
 * mitigation mode: the outcome is the one ALB's mode table gives for the case's tier (forwarded or
 * not, status, client connection closed or kept, target connection closed), or 400 and a close in
 * every mode when the framing cannot be read one way or the target cannot be routed; the access log
 * carries the case's classification and reason. One load balancer per mode serves every case.
 */
class DesyncLiveTest {
  private static final Map<DesyncMode, ServeFixture> SERVES = new EnumMap<>(DesyncMode.class);

  @BeforeAll
  static void startOnePerMode() throws IOException {
    for (DesyncMode mode : DesyncMode.values()) {
      SERVES.put(mode, new ServeFixture(mode));
    }
  }

  @AfterAll
  static void stopAll() throws IOException {
    for (ServeFixture serve : SERVES.values()) {
      serve.close();
    }
  }

  static Stream<Arguments> cases() {
    List<DesyncCases.Case> all = DesyncCases.all();
    assertThat(all).hasSize(DesyncCases.COUNT);
    return Stream.of(DesyncMode.values())
        .flatMap(mode -> all.stream().map(c -> Arguments.of(mode, c)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void eachCase_getsItsModesOutcome_andItsClassificationIsLogged(
      DesyncMode mode, DesyncCases.Case c) throws IOException {
    ServeFixture serve = SERVES.get(mode);
    int forwardedBefore = serve.target.forwarded().size();
    int closedBefore = serve.target.closedConnections.get();
    int loggedBefore = serve.logLines(0).size();
    boolean refusedAnyway = c.framing().equals("reject") || !c.routable();
    MitigationDecision expected =
        refusedAnyway
            ? new MitigationDecision(false, 400, true, false)
            : DesyncCases.expectedDecision(mode, c.expected().tier());

    RawClient.Response response;
    boolean kept;
    String from;
    try (RawClient client = serve.client()) {
      from = " 127.0.0.1:" + client.socket.getLocalPort() + " ";
      client.socket.getOutputStream().write(c.request("localhost"));
      client.socket.getOutputStream().write(body(c.framing()));
      client.socket.getOutputStream().flush();
      response = client.read(new String(c.method(), StandardCharsets.ISO_8859_1).equals("HEAD"));
      kept = expected.closeClient() ? !client.closedByPeer() : client.openAfter(100);
    }

    if (expected.forward()) {
      assertThat(response.status()).as(response.head()).isEqualTo(200);
      assertThat(serve.target.forwarded()).hasSize(forwardedBefore + 1);
    } else {
      assertThat(response.status()).as(response.head()).isEqualTo(400);
      assertThat(response.saysClose()).isTrue();
      assertThat(serve.target.forwarded()).as("nothing forwarded").hasSize(forwardedBefore);
    }
    // HTTP/1.0 connections end after one request unless the client asks to keep them.
    boolean http10 =
        new String(c.version(), StandardCharsets.ISO_8859_1).equals("HTTP/1.0")
            && c.fields().stream()
                .noneMatch(f -> f.isNamed("Connection") && f.valueText().contains("keep-alive"));
    assertThat(kept).as("client connection kept").isEqualTo(!expected.closeClient() && !http10);
    if (expected.closeUpstream()) {
      LocalAlbTest.await(
          () -> serve.target.closedConnections.get() > closedBefore,
          "the target connection closed after " + c);
    }
    String line = caseLine(serve, loggedBefore, from, c);
    boolean compliant = c.expected().tier() == Tier.COMPLIANT;
    String fields =
        compliant
            ? "\"-\" \"-\""
            : "\"" + c.expected().tier().label() + "\" \"" + c.expected().reason() + "\"";
    assertThat(line).as("access-log line").contains(" " + fields + " TID_local");
  }

  /**
   * The access-log line of the case's request: the first line written since {@code loggedBefore} by
   * the case's own client connection ({@code from}, its address as the log writes it). A line of an
   * earlier case can still arrive after {@code loggedBefore} was read: a case whose bytes hold a
   * second head after the first one (request smuggling in the target) gets a line for each request
   * serve reads, and the second one can be written after the case's test has finished. Of the two
   * lines such a case writes, the second, refused at once, can also be logged while the first still
   * waits for its target: the case's own line is the one that names the printable start of its
   * target.
   */
  private static String caseLine(
      ServeFixture serve, int loggedBefore, String from, DesyncCases.Case c) {
    String request = new String(c.request("localhost"), StandardCharsets.ISO_8859_1);
    String target = new String(c.target(), StandardCharsets.ISO_8859_1);
    int printable = 0;
    while (printable < target.length()
        && target.charAt(printable) > ' '
        && target.charAt(printable) < 0x7f) {
      printable++;
    }
    String start = target.substring(0, printable);
    boolean secondHead = request.indexOf("\r\n\r\n") + 4 < request.length();
    boolean byTarget = secondHead && start.startsWith("/") && !start.equals("/");
    String[] found = new String[1];
    LocalAlbTest.await(
        () -> {
          List<String> lines = serve.logLines(loggedBefore);
          for (String candidate : lines.subList(loggedBefore, lines.size())) {
            if (candidate.contains(from) && (!byTarget || candidate.contains(start))) {
              found[0] = candidate;
              return true;
            }
          }
          return false;
        },
        "an access-log line for " + c + " from" + from + (byTarget ? "naming " + start : ""));
    return found[0];
  }

  /** A body that completes the case's framing, so a forwarded request is whole. */
  private static byte[] body(String framing) {
    if (framing.startsWith("length:")) {
      return "x".repeat(Integer.parseInt(framing.substring(7))).getBytes(StandardCharsets.US_ASCII);
    }
    if (framing.equals("chunked")) {
      return "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    }
    return new byte[0];
  }
}
