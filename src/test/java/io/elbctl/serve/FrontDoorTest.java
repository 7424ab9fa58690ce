package io.elbctl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.serve.http.DesyncMode;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The findings of a probe of serve's front door, each as raw bytes on a socket to 127.0.0.1: what
 * reaches the target, the status, and whether the client connection stays. Defensive mode unless a
 * test says otherwise. Every test runs on each transport that loads on this machine.
 */
class FrontDoorTest {
  private static final String HOST = "Host: localhost\r\n";
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : open) {
      closeable.close();
    }
  }

  private ServeFixture serve(TransportChoice transport, DesyncMode mode) throws IOException {
    return track(new ServeFixture(mode, transport));
  }

  private <T extends AutoCloseable> T track(T closeable) {
    open.add(closeable);
    return closeable;
  }

  private static void assertBlocked(ServeFixture serve, RawClient client, RawClient.Response r)
      throws IOException {
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.saysClose()).as(r.head()).isTrue();
    assertThat(client.closedByPeer()).as("client connection closed").isTrue();
    assertThat(serve.target.forwarded()).as("nothing reaches the target").isEmpty();
  }

  @OnEachTransport
  void bareCrLfOrNulInAHeaderValue_isBlocked_andNothingReachesTheTarget(TransportChoice transport)
      throws IOException {
    ServeFixture serve = serve(transport, DesyncMode.DEFENSIVE);
    for (String value : List.of("a\rGET /smuggled HTTP/1.1", "a\u0000b")) {
      try (RawClient client = serve.client()) {
        RawClient.Response r =
            client.exchange("GET / HTTP/1.1\r\n" + HOST + "X-A: " + value + "\r\n\r\n");
        assertBlocked(serve, client, r);
      }
    }
  }

  @OnEachTransport
  void aTabBeforeTheColon_framesNothing_andTheSmuggledRequestNeverReachesTheTarget(
      TransportChoice transport) throws IOException {
    ServeFixture serve = serve(transport, DesyncMode.DEFENSIVE);
    try (RawClient client = serve.client()) {
      RawClient.Response r =
          client.exchange(
              "POST / HTTP/1.1\r\n"
                  + HOST
                  + "Transfer-Encoding\t: chunked\r\n\r\n"
                  + "0\r\n\r\nGET /smuggled HTTP/1.1\r\n"
                  + HOST
                  + "\r\n");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.saysClose()).as("ambiguous: both connections close").isTrue();
      assertThat(client.closedByPeer()).isTrue();
    }
    assertThat(serve.target.forwarded()).hasSize(1);
    assertThat(serve.target.forwarded().get(0)).doesNotContain("/smuggled");
    assertThat(serve.logLines(1).get(0)).contains("\"Ambiguous\" \"SuspiciousHeader\"");
  }

  @OnEachTransport
  void theLoggedClassifications_areReadBackBySimulateReplay(TransportChoice transport)
      throws Exception {
    ServeFixture serve = serve(transport, DesyncMode.DEFENSIVE);
    for (String extra : List.of("", "Transfer-Encoding\t: chunked\r\n", "X-A: a\u0001\r\n")) {
      try (RawClient client = serve.client()) {
        client.exchange("GET / HTTP/1.1\r\n" + HOST + extra + "\r\n");
      }
    }
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("replay");
    java.nio.file.Path log = dir.resolve("access.log");
    java.nio.file.Path spec = dir.resolve("spec.json");
    java.nio.file.Files.write(log, serve.logLines(3));
    java.nio.file.Files.writeString(spec, ServeFixture.SPEC);
    io.elbctl.cli.Cli.Result replay =
        io.elbctl.cli.Cli.run(
            "simulate", "-f", spec.toString(), "--replay", log.toString(), "-o", "json");
    assertThat(replay.exitCode()).as(replay.toString()).isZero();
    com.fasterxml.jackson.databind.JsonNode tally =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(replay.out());
    assertThat(tally.get("unparsed").asLong()).isZero();
    assertThat(tally.get("classifications").toString())
        .isEqualTo("{\"Acceptable NonCompliantHeader\":1,\"Ambiguous SuspiciousHeader\":1}");
  }

  @OnEachTransport
  void invalidHeaderNames_areDropped_whenAskedTo(TransportChoice transport) throws IOException {
    ServeFixture serve =
        track(
            new ServeFixture(
                DesyncMode.MONITOR,
                true,
                Duration.ofSeconds(60),
                Duration.ofSeconds(5),
                transport));
    try (RawClient client = serve.client()) {
      RawClient.Response r =
          client.exchange("GET / HTTP/1.1\r\n" + HOST + "X_Under: 1\r\nX-Fine: 2\r\n\r\n");
      assertThat(r.status()).isEqualTo(200);
    }
    assertThat(serve.target.forwarded().get(0)).contains("X-Fine: 2").doesNotContain("X_Under");
  }

  @OnEachTransport
  void transferEncodingThatIsNotChunkedLast_isRefused_andIdentityChunkedIsSentAsChunked(
      TransportChoice transport) throws IOException {
    ServeFixture serve = serve(transport, DesyncMode.DEFENSIVE);
    try (RawClient client = serve.client()) {
      RawClient.Response r =
          client.exchange(
              "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n");
      assertBlocked(serve, client, r);
    }
    try (RawClient client = serve.client()) {
      RawClient.Response r =
          client.exchange(
              "POST / HTTP/1.1\r\n"
                  + HOST
                  + "Transfer-Encoding: identity, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
      assertThat(r.status()).isEqualTo(200);
    }
    String forwarded = serve.target.forwarded().get(0);
    assertThat(forwarded).contains("\r\nTransfer-Encoding: chunked\r\n").doesNotContain("identity");
    assertThat(forwarded).endsWith("\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
  }

  @OnEachTransport
  void chunkSizesThatAreNotHexDigitsOnly_get400_andTheTargetConnectionIsCut(
      TransportChoice transport) throws IOException {
    ServeFixture serve = serve(transport, DesyncMode.DEFENSIVE);
    for (String size : List.of("0x5", "5 junk", "0\u00005")) {
      try (RawClient client = serve.client()) {
        RawClient.Response r =
            client.exchange(
                "POST / HTTP/1.1\r\n"
                    + HOST
                    + "Transfer-Encoding: chunked\r\n\r\n"
                    + size
                    + "\r\nhello\r\n0\r\n\r\n");
        assertThat(r.status()).as(size).isEqualTo(400);
        assertThat(r.saysClose()).isTrue();
        assertThat(client.closedByPeer()).isTrue();
      }
    }
    assertThat(serve.target.forwarded()).as("no complete request reached the target").isEmpty();
  }

  @OnEachTransport
  void contentLengthWithASign_isBlocked_leadingZerosAreNormalised_andTwoIdenticalOnesClose(
      TransportChoice transport) throws IOException {
    ServeFixture serve = serve(transport, DesyncMode.DEFENSIVE);
    try (RawClient client = serve.client()) {
      assertBlocked(
          serve,
          client,
          client.exchange("POST / HTTP/1.1\r\n" + HOST + "Content-Length: +5\r\n\r\nhello"));
    }
    try (RawClient client = serve.client()) {
      RawClient.Response r =
          client.exchange("POST / HTTP/1.1\r\n" + HOST + "Content-Length: 0005\r\n\r\nhello");
      assertThat(r.status()).isEqualTo(200);
    }
    assertThat(serve.target.forwarded().get(0))
        .contains("\r\nContent-Length: 5\r\n")
        .doesNotContain("0005");
    try (RawClient client = serve.client()) {
      RawClient.Response r =
          client.exchange(
              "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.saysClose()).isTrue();
      assertThat(client.closedByPeer()).isTrue();
    }
    String second = serve.target.forwarded().get(1);
    assertThat(second.indexOf("Content-Length")).isEqualTo(second.lastIndexOf("Content-Length"));
  }

  @OnEachTransport
  void controlCharactersOrSpacesInTheTarget_areClassified_andForwardedEncodedOrBlockedByMode(
      TransportChoice transport) throws IOException {
    ServeFixture defensive = serve(transport, DesyncMode.DEFENSIVE);
    try (RawClient client = defensive.client()) {
      RawClient.Response r = client.exchange("GET /a\u0001b HTTP/1.1\r\n" + HOST + "\r\n");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.saysClose()).isTrue();
      assertThat(client.closedByPeer()).isTrue();
    }
    try (RawClient client = defensive.client()) {
      RawClient.Response r =
          client.exchange("GET /oauth2/authorization/google /x HTTP/1.1\r\n" + HOST + "\r\n");
      assertThat(r.status()).isEqualTo(200);
    }
    assertThat(defensive.target.forwarded().get(0)).startsWith("GET /a%01b HTTP/1.1\r\n");
    assertThat(defensive.target.forwarded().get(1))
        .startsWith("GET /oauth2/authorization/google%20/x HTTP/1.1\r\n");
    assertThat(defensive.logLines(2).get(0)).contains("\"Ambiguous\" \"AmbiguousUri\"");
    assertThat(defensive.logLines(2).get(1)).contains("\"Acceptable\" \"SpaceInUri\"");

    ServeFixture strictest = serve(transport, DesyncMode.STRICTEST);
    for (String line : List.of("GET /a\u0001b HTTP/1.1", "GET /a b HTTP/1.1")) {
      try (RawClient client = strictest.client()) {
        assertBlocked(strictest, client, client.exchange(line + "\r\n" + HOST + "\r\n"));
      }
    }
    for (String line : List.of("GET /a\u0000b HTTP/1.1", "G\u0001T / HTTP/1.1")) {
      try (RawClient client = defensive.client()) {
        RawClient.Response r = client.exchange(line + "\r\n" + HOST + "\r\n");
        assertThat(r.status()).as(line).isEqualTo(400);
        assertThat(client.closedByPeer()).isTrue();
      }
    }
    assertThat(defensive.target.forwarded()).hasSize(2);
  }

  @OnEachTransport
  void aPostThatReachedTheTarget_isNotSentAgain_whenItsConnectionCloses(TransportChoice transport)
      throws IOException {
    ServeFixture serve = serve(transport, DesyncMode.DEFENSIVE);
    serve.target.answer = request -> request.startsWith("POST") ? null : RawTarget.OK;
    try (RawClient client = serve.client()) {
      assertThat(client.exchange("GET / HTTP/1.1\r\n" + HOST + "\r\n").status()).isEqualTo(200);
      RawClient.Response r =
          client.exchange("POST /pay HTTP/1.1\r\n" + HOST + "Content-Length: 2\r\n\r\nhi");
      assertThat(r.status()).isEqualTo(502);
    }
    assertThat(serve.target.forwarded().stream().filter(q -> q.startsWith("POST"))).hasSize(1);
  }

  @OnEachTransport
  void anIdempotentRequest_isSentAgain_whenAReusedConnectionClosesWithoutAnAnswer(
      TransportChoice transport) throws IOException {
    ServeFixture serve = serve(transport, DesyncMode.DEFENSIVE);
    int[] seen = {0};
    serve.target.answer = request -> ++seen[0] == 2 ? null : RawTarget.OK;
    try (RawClient client = serve.client()) {
      assertThat(client.exchange("GET /1 HTTP/1.1\r\n" + HOST + "\r\n").status()).isEqualTo(200);
      assertThat(client.exchange("GET /2 HTTP/1.1\r\n" + HOST + "\r\n").status()).isEqualTo(200);
    }
    assertThat(serve.target.connections.get()).isEqualTo(2);
  }

  @OnEachTransport
  void anUnsolicitedResponseOnAnIdleTargetConnection_neverReachesTheNextClient(
      TransportChoice transport) throws Exception {
    ServeFixture serve = serve(transport, DesyncMode.DEFENSIVE);
    try (RawClient client = serve.client()) {
      assertThat(client.exchange("GET / HTTP/1.1\r\n" + HOST + "\r\n").body()).isEqualTo("ok");
    }
    // The target speaks again on the connection now idle in the pool.
    serve
        .target
        .sockets
        .get(0)
        .getOutputStream()
        .write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil".getBytes());
    LocalAlbTest.await(
        () -> serve.target.closedConnections.get() == 1, "the pooled connection closed");
    try (RawClient client = serve.client()) {
      assertThat(client.exchange("GET / HTTP/1.1\r\n" + HOST + "\r\n").body()).isEqualTo("ok");
    }
  }

  @OnEachTransport
  void aClientThatStallsInItsHead_isCutAtTheHeadDeadline(TransportChoice transport)
      throws IOException {
    ServeFixture serve =
        track(
            new ServeFixture(
                DesyncMode.DEFENSIVE,
                false,
                Duration.ofMillis(300),
                Duration.ofSeconds(5),
                transport));
    try (RawClient client = serve.client()) {
      client.send("GET / HTTP/1.1\r\nHost: local");
      long start = System.nanoTime();
      assertThat(client.closedByPeer()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @OnEachTransport
  void thousandsOfSlowClients_doNotStarveANewOne(TransportChoice transport) throws IOException {
    ServeFixture serve = serve(transport, DesyncMode.DEFENSIVE);
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 4_200; i++) {
        Socket socket = new Socket("127.0.0.1", serve.port);
        socket.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes());
        slow.add(socket);
      }
      try (RawClient client = serve.client()) {
        assertThat(client.exchange("GET / HTTP/1.1\r\n" + HOST + "\r\n").status()).isEqualTo(200);
      }
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }

  @OnEachTransport
  void headersNamedInConnection_areRemoved(TransportChoice transport) throws IOException {
    ServeFixture serve = serve(transport, DesyncMode.DEFENSIVE);
    try (RawClient client = serve.client()) {
      client.exchange(
          "GET / HTTP/1.1\r\n"
              + HOST
              + "Connection: keep-alive, X-Secret\r\nX-Secret: 1\r\nKeep-Alive: 5\r\n"
              + "Proxy-Connection: x\r\nTE: trailers\r\n\r\n");
    }
    assertThat(serve.target.forwarded().get(0).toLowerCase())
        .doesNotContain("x-secret")
        .doesNotContain("keep-alive")
        .doesNotContain("proxy-connection")
        .doesNotContain("\r\nte:")
        .doesNotContain("\r\nconnection:");
  }

  @OnEachTransport
  void http11WithoutHostOrWithAnEmptyOne_isRefused_andAbsoluteFormForwardsItsAuthority(
      TransportChoice transport) throws IOException {
    ServeFixture serve = serve(transport, DesyncMode.DEFENSIVE);
    for (String head :
        List.of(
            "GET / HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1\r\nHost:\r\n\r\n",
            "GET http://app.example/x HTTP/1.1\r\nHost: other.example\r\n\r\n")) {
      try (RawClient client = serve.client()) {
        assertBlocked(serve, client, client.exchange(head));
      }
    }
    try (RawClient client = serve.client()) {
      RawClient.Response r =
          client.exchange("GET http://app.example/x?y=1 HTTP/1.1\r\nHost: app.example\r\n\r\n");
      assertThat(r.status()).isEqualTo(200);
    }
    assertThat(serve.target.forwarded().get(0))
        .startsWith("GET /x?y=1 HTTP/1.1\r\n")
        .contains("\r\nHost: app.example\r\n");
  }

  @OnEachTransport
  void anEmptyXForwardedFor_isReplacedByTheClientAddress(TransportChoice transport)
      throws IOException {
    ServeFixture serve = serve(transport, DesyncMode.DEFENSIVE);
    try (RawClient client = serve.client()) {
      client.exchange("GET / HTTP/1.1\r\n" + HOST + "X-Forwarded-For:\r\n\r\n");
    }
    assertThat(serve.target.forwarded().get(0)).contains("\r\nX-Forwarded-For: 127.0.0.1\r\n");
  }

  @OnEachTransport
  void oversizedHeaderLinesAndHeads_get400WithConnectionClose(TransportChoice transport)
      throws IOException {
    ServeFixture serve = serve(transport, DesyncMode.DEFENSIVE);
    String longLine = "X-Long: " + "a".repeat(17 * 1024) + "\r\n";
    String manyLines = ("X-Many: " + "b".repeat(8 * 1024) + "\r\n").repeat(9);
    for (String extra : List.of(longLine, manyLines)) {
      try (RawClient client = serve.client()) {
        assertBlocked(serve, client, client.exchange("GET / HTTP/1.1\r\n" + HOST + extra + "\r\n"));
      }
    }
  }

  @OnEachTransport
  void everyAnswerOfTheLoadBalancer_thatIs400_saysConnectionClose(TransportChoice transport)
      throws IOException {
    ServeFixture serve = serve(transport, DesyncMode.DEFENSIVE);
    try (RawClient client = serve.client()) {
      RawClient.Response r = client.exchange("GARBAGE\r\n\r\n");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.head()).contains("\r\nConnection: close\r\n").doesNotContain("keep-alive");
      assertThat(client.closedByPeer()).isTrue();
    }
  }

  @OnEachTransport
  void aResponseHeadLongerThanOneParseStep_isRelayedWhole_andAnInvalidLineDeepInItIs502(
      TransportChoice transport) throws IOException {
    ServeFixture serve = serve(transport, DesyncMode.DEFENSIVE);
    StringBuilder fields = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      // 30 lines of about 1 KB: the head is read in pieces of the parser's step.
      fields.append("X-Long-").append(i).append(": ").append("v".repeat(1000)).append("\r\n");
    }
    serve.target.answer = request -> "HTTP/1.1 200 OK\r\n" + fields + "Content-Length: 2\r\n\r\nok";
    try (RawClient client = serve.client()) {
      RawClient.Response r = client.exchange("GET / HTTP/1.1\r\n" + HOST + "\r\n");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.head()).contains("X-Long-0: " + "v".repeat(1000)).contains("X-Long-29: ");
      assertThat(r.body()).isEqualTo("ok");
    }
    serve.target.answer =
        request -> "HTTP/1.1 200 OK\r\n" + fields + "X-Bad: a\rb\r\nContent-Length: 2\r\n\r\nok";
    try (RawClient client = serve.client()) {
      assertThat(client.exchange("GET / HTTP/1.1\r\n" + HOST + "\r\n").status()).isEqualTo(502);
    }
  }

  @OnEachTransport
  void targetResponsesThatCouldBeReadTwoWays_become502(TransportChoice transport)
      throws IOException {
    ServeFixture serve = serve(transport, DesyncMode.DEFENSIVE);
    for (String response :
        List.of(
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\nok",
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok",
            "HTTP/1.1 200 OK\r\nX-A: a\rb\r\nContent-Length: 2\r\n\r\nok")) {
      serve.target.answer = request -> response;
      try (RawClient client = serve.client()) {
        RawClient.Response r = client.exchange("GET / HTTP/1.1\r\n" + HOST + "\r\n");
        assertThat(r.status()).as(response).isEqualTo(502);
        assertThat(r.head()).contains("Server: awselb/2.0");
      }
    }
  }
}
