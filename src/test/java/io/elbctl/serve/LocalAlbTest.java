package io.elbctl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elbctl.cli.Cli;
import io.elbctl.sim.TargetRef;
import io.elbctl.sim.TargetState;
import io.elbctl.spec.SpecReader;
import io.elbctl.spec.SpecResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local load balancer against small apps on 127.0.0.1: routing as the simulator decides, round
 * robin and weights, health checks that take targets out of rotation and back, fail-open, the ALB's
 * own 502/503/504, forwarded headers, streamed bodies and the access log.
 */
class LocalAlbTest {
  static final String SPEC =
      """
      {
        "apiVersion": "elbctl/v1", "name": "local", "region": "eu-west-1",
        "domain": { "hostedZone": "example.com", "records": ["example.com"] },
        "targetGroups": [
          { "name": "app", "port": 3000, "healthCheck": %1$s,
            "targets": [ { "id": "i-0123456789abcdef0" } ] },
          { "name": "canary", "port": 3001, "healthCheck": %1$s,
            "targets": [ { "id": "i-0123456789abcdef0" } ] },
          { "name": "empty", "port": 3002, "targets": [ { "id": "i-0123456789abcdef0" } ] },
          { "name": "refused", "port": 3003, "healthCheck": %1$s,
            "targets": [ { "id": "i-0123456789abcdef0" } ] },
          { "name": "garbage", "port": 3004, "healthCheck": %1$s,
            "targets": [ { "id": "i-0123456789abcdef0" } ] },
          { "name": "slow", "port": 3005, "healthCheck": %1$s,
            "targets": [ { "id": "i-0123456789abcdef0" } ] }
        ],
        "loadBalancer": { "name": "local-alb", "listeners": [
          { "port": 80, "protocol": "HTTP",
            "defaultAction": { "type": "forward", "targetGroup": "app" },
            "rules": [
              { "priority": 1, "conditions": { "pathPatterns": ["/weighted/*"] },
                "action": { "type": "forward", "targetGroups": [
                  { "name": "app", "weight": 3 }, { "name": "canary", "weight": 1 } ] } },
              { "priority": 2, "conditions": { "pathPatterns": ["/empty"] },
                "action": { "type": "forward", "targetGroup": "empty" } },
              { "priority": 3, "conditions": { "pathPatterns": ["/refused"] },
                "action": { "type": "forward", "targetGroup": "refused" } },
              { "priority": 4, "conditions": { "pathPatterns": ["/garbage"] },
                "action": { "type": "forward", "targetGroup": "garbage" } },
              { "priority": 5, "conditions": { "pathPatterns": ["/slow"] },
                "action": { "type": "forward", "targetGroup": "slow" } },
              { "priority": 6, "conditions": { "pathPatterns": ["/maintenance"] },
                "action": { "type": "fixed-response", "statusCode": "503",
                  "contentType": "application/json", "messageBody": "{\\"down\\":true}" } },
              { "priority": 7, "conditions": { "pathPatterns": ["/old/*"] },
                "action": { "type": "redirect", "path": "/new/#{path}", "statusCode": "HTTP_302" } }
            ] } ] }
      }
      """
          .formatted(
              "{ \"path\": \"/health\", \"intervalSeconds\": 5, \"timeoutSeconds\": 2,"
                  + " \"healthyThreshold\": 2, \"unhealthyThreshold\": 2 }");

  @TempDir Path dir;
  final List<AutoCloseable> open = new ArrayList<>();
  final List<String> events = new CopyOnWriteArrayList<>();
  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  FakeApp a;
  FakeApp b;
  FakeApp c;
  FakeApp slow;
  ServerSocket garbage;
  int refusedPort;
  LocalAlb alb;
  String base;
  final java.util.concurrent.CountDownLatch testOver = new java.util.concurrent.CountDownLatch(1);

  @BeforeEach
  void apps() throws IOException {
    a = track(new FakeApp("a"));
    b = track(new FakeApp("b"));
    c = track(new FakeApp("c"));
    slow =
        track(
            new FakeApp("slow")
                .on(
                    "/slow",
                    exchange -> {
                      // Holds the answer back until the test ends: longer than any target timeout.
                      try {
                        testOver.await(30, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      exchange.close();
                    }));
    garbage = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    open.add(garbage);
    Thread answerer =
        new Thread(
            () -> {
              while (!garbage.isClosed()) {
                try (Socket socket = garbage.accept()) {
                  socket.getInputStream().read(new byte[4096]);
                  socket.getOutputStream().write("NOT HTTP AT ALL\r\n\r\n".getBytes());
                } catch (IOException e) {
                  // The next connection, or the end of the test.
                }
              }
            });
    answerer.setDaemon(true);
    answerer.start();
    try (ServerSocket closed = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      refusedPort = closed.getLocalPort();
    }
  }

  @AfterEach
  void closeAll() throws Exception {
    testOver.countDown();
    if (alb != null) {
      alb.close();
    }
    for (AutoCloseable closeable : open) {
      closeable.close();
    }
  }

  private <T extends AutoCloseable> T track(T closeable) {
    open.add(closeable);
    return closeable;
  }

  /** Starts the load balancer with its listener on a free port and waits for the first checks. */
  void start(AccessLogWriter log) {
    SpecResult parsed = SpecReader.parse(SPEC);
    assertThat(parsed.errors()).isEmpty();
    LocalTargets.Result local =
        LocalTargets.apply(
            parsed.spec(),
            List.of(
                "app=" + a.url(),
                "app=" + b.url(),
                "canary=" + c.url(),
                "refused=http://127.0.0.1:" + refusedPort,
                "garbage=http://127.0.0.1:" + garbage.getLocalPort(),
                "slow=" + slow.url()));
    ServeConfig config =
        TestConfig.of(local.spec(), 80)
            .healthInterval(Duration.ofMillis(50))
            .targetTimeout(Duration.ofSeconds(1))
            .accessLog(log)
            .build();
    alb = LocalAlb.start(config, events::add);
    base = "http://127.0.0.1:" + alb.localPort(80);
    await(
        () -> state("app", a) == TargetState.healthy && state("app", b) == TargetState.healthy,
        "both app targets healthy");
  }

  TargetState state(String group, FakeApp app) {
    return alb.health().state(group, new TargetRef("127.0.0.1", app.port()));
  }

  static void await(BooleanSupplier condition, String what) {
    io.elbctl.Await.until(condition, what);
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(
        request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String app(HttpResponse<String> response) {
    String body = response.body();
    int at = body.indexOf("app=");
    return at < 0
        ? "(" + response.statusCode() + ")"
        : body.substring(at + 4, body.indexOf('\n', at));
  }

  @Test
  void forward_takesHealthyTargetsInTurn_andWeightsSplitExactly() throws Exception {
    start(null);
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      seen.add(app(get("/")));
    }
    assertThat(seen).containsExactly("a", "b", "a", "b");

    List<String> weighted = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      weighted.add(app(get("/weighted/x")));
    }
    assertThat(weighted.stream().filter("c"::equals).count()).isEqualTo(2);
    assertThat(weighted.stream().filter(s -> s.equals("a") || s.equals("b")).count()).isEqualTo(6);
  }

  @Test
  void healthChecks_takeAFailingTargetOutAndBack_andAllFailingFailsOpen() throws Exception {
    start(null);
    String aKey = "127.0.0.1:" + a.port();
    a.healthStatus.set(500);
    await(() -> state("app", a) == TargetState.unhealthy, "a unhealthy");
    String unhealthy =
        "health: app "
            + aKey
            + " healthy -> unhealthy (Target.ResponseCodeMismatch: Health checks failed with"
            + " these codes: [500])";
    await(() -> events.contains(unhealthy), unhealthy);
    for (int i = 0; i < 4; i++) {
      assertThat(app(get("/"))).isEqualTo("b");
    }

    a.healthStatus.set(200);
    await(() -> state("app", a) == TargetState.healthy, "a healthy again");
    // The state changes before its listeners hear of it: wait for the printed line.
    await(
        () -> events.contains("health: app " + aKey + " unhealthy -> healthy"),
        "the line saying a is healthy again");
    List<String> back = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      back.add(app(get("/")));
    }
    assertThat(back).contains("a", "b");

    a.healthStatus.set(500);
    b.healthStatus.set(503);
    await(
        () -> state("app", a) == TargetState.unhealthy && state("app", b) == TargetState.unhealthy,
        "a and b unhealthy");
    List<String> failOpen = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      failOpen.add(app(get("/")));
    }
    assertThat(failOpen).as("fail-open routes to every registered target").contains("a", "b");
  }

  @Test
  void healthChecks_areShapedLikeTheAlbs() {
    start(null);
    await(() -> !a.healthChecks.isEmpty(), "a health check");
    Map<String, List<String>> check = a.healthChecks.get(0);
    assertThat(check.get("Host")).containsExactly("127.0.0.1:" + a.port());
    assertThat(check.get("User-agent")).containsExactly("ELB-HealthChecker/2.0");
    assertThat(check).doesNotContainKeys("X-forwarded-proto", "X-forwarded-for");
  }

  @Test
  void theLoadBalancer_answersItselfWhenNoTargetCan() throws Exception {
    start(null);
    assertThat(get("/empty").statusCode()).as("group without targets").isEqualTo(503);
    assertThat(get("/refused").statusCode()).as("target refuses the connection").isEqualTo(502);
    assertThat(get("/garbage").statusCode()).as("target answers garbage").isEqualTo(502);
    HttpResponse<String> timedOut = get("/slow");
    assertThat(timedOut.statusCode()).as("target does not answer in time").isEqualTo(504);
    assertThat(timedOut.headers().firstValue("Server")).hasValue("awselb/2.0");

    HttpResponse<String> fixed = get("/maintenance");
    assertThat(fixed.statusCode()).isEqualTo(503);
    assertThat(fixed.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(fixed.body()).isEqualTo("{\"down\":true}");

    HttpResponse<String> redirect = get("/old/page?x=1");
    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(redirect.headers().firstValue("Location"))
        .hasValue("http://127.0.0.1:" + alb.localPort(80) + "/new/old/page?x=1");
    assertThat(app(get("/after-errors"))).isIn("a", "b");
  }

  @Test
  void forwardedHeaders_areTheAlbs_andHostPassesThrough() throws Exception {
    start(null);
    int port = alb.localPort(80);
    HttpResponse<String> response = get("/h", "X-Forwarded-For", "203.0.113.9");
    String body = response.body();
    assertThat(body).contains("host=127.0.0.1:" + port + "\n");
    assertThat(body).contains("x-forwarded-for=203.0.113.9, 127.0.0.1\n");
    assertThat(body).contains("x-forwarded-proto=http\n");
    assertThat(body).contains("x-forwarded-port=" + port + "\n");
    assertThat(body).containsPattern("x-amzn-trace-id=Root=1-[0-9a-f]{8}-[0-9a-f]{24}\n");
    assertThat(body).contains("uri=/h\n");
  }

  @Test
  void bodies_streamBothWays_unchanged() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    a.on(
        "/upload",
        exchange -> {
          try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            long total = 0;
            try (InputStream in = exchange.getRequestBody()) {
              for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
                total += n;
              }
            }
            FakeApp.send(exchange, 200, total + " " + HexFormat.of().formatHex(sha.digest()));
          } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
          }
        });
    a.on(
        "/download",
        exchange -> {
          byte[] data = bytes(8 * 1024 * 1024, 7);
          exchange.sendResponseHeaders(200, data.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(data);
          }
        });
    a.on(
        "/stream",
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write("first\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            release.await(30, TimeUnit.SECONDS);
            out.write("second\n".getBytes(StandardCharsets.US_ASCII));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    start(null);
    a.healthStatus.set(200);
    b.healthStatus.set(500);
    await(() -> state("app", b) == TargetState.unhealthy, "b out of rotation");

    byte[] upload = bytes(3 * 1024 * 1024 + 17, 3);
    HttpRequest chunkedUpload =
        HttpRequest.newBuilder(URI.create(base + "/upload"))
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(upload)))
            .build();
    HttpResponse<String> uploaded =
        client.send(chunkedUpload, HttpResponse.BodyHandlers.ofString());
    assertThat(uploaded.body())
        .isEqualTo(
            upload.length
                + " "
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(upload)));

    HttpResponse<byte[]> downloaded =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/download")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(downloaded.body()).isEqualTo(bytes(8 * 1024 * 1024, 7));

    HttpResponse<InputStream> streaming =
        client
            .sendAsync(
                HttpRequest.newBuilder(URI.create(base + "/stream")).build(),
                HttpResponse.BodyHandlers.ofInputStream())
            .get(20, TimeUnit.SECONDS);
    InputStream in = streaming.body();
    byte[] first = new byte[6];
    int got = 0;
    while (got < first.length) {
      int n = in.read(first, got, first.length - got);
      assertThat(n).as("the first chunk arrives before the target finishes").isPositive();
      got += n;
    }
    assertThat(new String(first, StandardCharsets.US_ASCII)).isEqualTo("first\n");
    release.countDown();
    assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("second\n");
  }

  static byte[] bytes(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  @Test
  void accessLog_replaysThroughSimulate_withTheSameRuleCounts() throws Exception {
    Path log = dir.resolve("access.log");
    start(
        new AccessLogWriter(
            Files.newBufferedWriter(log, StandardCharsets.UTF_8), true, "local-alb", "eu-west-1"));
    for (String path :
        List.of("/", "/a?b=c", "/weighted/1", "/weighted/2", "/empty", "/maintenance", "/old/x")) {
      get(path, "User-Agent", "agent \"quoted\"");
    }
    alb.close();
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).hasSize(7);
    assertThat(lines.get(0))
        .startsWith("http ")
        .contains(" app/local-alb/local 127.0.0.1:")
        .contains(" 200 200 ")
        .contains("\"GET http://127.0.0.1:80/ HTTP/1.1\" \"agent \\\"quoted\\\"\" - - ")
        .contains(":targetgroup/app/local ")
        .contains(" 0 ")
        .contains("\"forward\" \"-\" \"-\"");
    assertThat(lines.get(6)).contains(" 302 - ").contains("\"redirect\"");

    Path specFile = dir.resolve("spec.json");
    Files.writeString(specFile, SPEC);
    Cli.Result replay =
        Cli.run("simulate", "-f", specFile.toString(), "--replay", log.toString(), "-o", "json");
    assertThat(replay.exitCode()).as(replay.toString()).isZero();
    JsonNode tally = new ObjectMapper().readTree(replay.out());
    assertThat(tally.get("unparsed").asLong()).isZero();
    assertThat(tally.get("noListener").asLong()).isZero();
    Map<String, Long> rules =
        new ObjectMapper()
            .convertValue(
                tally.get("rules"),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Long>>() {});
    assertThat(rules)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "80 default",
                2L,
                "80 rule 1",
                2L,
                "80 rule 2",
                1L,
                "80 rule 6",
                1L,
                "80 rule 7",
                1L));
  }

  @Test
  void stop_finishesTheRequestInFlight() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    a.on(
        "/slow-but-fine",
        exchange -> {
          arrived.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          FakeApp.send(exchange, 200, "done");
        });
    start(null);
    b.healthStatus.set(500);
    await(() -> state("app", b) == TargetState.unhealthy, "b out of rotation");
    var pending =
        client.sendAsync(
            HttpRequest.newBuilder(URI.create(base + "/slow-but-fine")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(arrived.await(20, TimeUnit.SECONDS)).isTrue();
    Thread stopper = new Thread(alb::close);
    stopper.start();
    await(() -> isRefused(alb.localPort(80)), "the listener closed");
    release.countDown();
    HttpResponse<String> response = pending.get(20, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("done");
    stopper.join(20_000);
  }

  static boolean isRefused(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Test
  void aTakenPort_isOneSentenceAndExitCodeOne() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Path specFile = dir.resolve("spec.json");
      Files.writeString(specFile, SPEC);
      Cli.Result result =
          Cli.run("serve", "-f", specFile.toString(), "--listen", "80=" + taken.getLocalPort());
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
      assertThat(result.err())
          .contains(
              "elbctl: cannot listen on 127.0.0.1:"
                  + taken.getLocalPort()
                  + " for the 80 listener: the port is taken or not allowed (choose another with"
                  + " --listen 80=PORT).")
          .doesNotContain("Exception");
    }
  }
}
