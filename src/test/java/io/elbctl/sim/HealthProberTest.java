package io.elbctl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real ALB-shaped probes against small HTTP servers on 127.0.0.1. */
class HealthProberTest {
  static HttpServer server;
  static int port;
  static final Map<String, Map<String, String>> SEEN = new ConcurrentHashMap<>();
  static final CountDownLatch RELEASE = new CountDownLatch(1);

  @BeforeAll
  static void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          Map<String, String> headers = new ConcurrentHashMap<>();
          exchange
              .getRequestHeaders()
              .forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
          SEEN.put(path, headers);
          switch (path) {
            case "/ok" -> exchange.sendResponseHeaders(200, -1);
            case "/login-redirect" -> {
              exchange.getResponseHeaders().add("Location", "/login?redirect=%2F");
              exchange.sendResponseHeaders(302, -1);
            }
            case "/https-redirect" -> {
              exchange.getResponseHeaders().add("Location", "https://127.0.0.1/https-redirect");
              exchange.sendResponseHeaders(301, -1);
            }
            case "/actuator/health" -> exchange.sendResponseHeaders(401, -1);
            case "/slow" -> {
              try {
                RELEASE.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              exchange.sendResponseHeaders(200, -1);
            }
            default -> exchange.sendResponseHeaders(404, -1);
          }
          exchange.close();
        });
    server.start();
    port = server.getAddress().getPort();
  }

  @AfterAll
  static void stop() {
    RELEASE.countDown();
    server.stop(0);
  }

  private static HealthProber.ProbeTarget at(String path) {
    return new HealthProber.ProbeTarget("127.0.0.1", port, path, false);
  }

  @Test
  void sendsTheAlbHealthCheckerRequest() {
    ProbeOutcome outcome = HealthProber.probe(at("/ok"), Duration.ofSeconds(2));
    assertThat(outcome.status()).isEqualTo(200);
    Map<String, String> headers = SEEN.get("/ok");
    assertThat(headers.get("host")).isEqualTo("127.0.0.1:" + port);
    assertThat(headers.get("user-agent")).isEqualTo("ELB-HealthChecker/2.0");
    assertThat(headers).doesNotContainKeys("x-forwarded-proto", "x-forwarded-for");
  }

  @Test
  void doesNotFollowRedirectsAndNamesTheLoginPitfall() {
    ProbeOutcome outcome = HealthProber.probe(at("/login-redirect"), Duration.ofSeconds(2));
    assertThat(outcome.status()).isEqualTo(302);
    assertThat(outcome.location()).isEqualTo("/login?redirect=%2F");
    assertThat(SEEN).doesNotContainKey("/login");
    assertThat(
            HealthProber.pitfall(
                outcome, StatusMatcher.parse("200"), at("/login-redirect"), Duration.ofSeconds(2)))
        .get()
        .asString()
        .startsWith("redirects to a login page (302 → /login?redirect=%2F)");
    assertThat(
            HealthProber.pitfall(
                outcome,
                StatusMatcher.parse("200-399"),
                at("/login-redirect"),
                Duration.ofSeconds(2)))
        .get()
        .asString()
        .startsWith("passes only because the matcher 200-399 accepts redirects");
  }

  @Test
  void namesHttpsRedirectMiddleware() {
    ProbeOutcome outcome = HealthProber.probe(at("/https-redirect"), Duration.ofSeconds(2));
    assertThat(outcome.status()).isEqualTo(301);
    assertThat(
            HealthProber.pitfall(
                outcome, StatusMatcher.parse("200"), at("/https-redirect"), Duration.ofSeconds(2)))
        .get()
        .asString()
        .startsWith("HTTPS-redirect middleware");
  }

  @Test
  void namesAProtectedHealthPath() {
    ProbeOutcome outcome = HealthProber.probe(at("/actuator/health"), Duration.ofSeconds(2));
    assertThat(outcome.status()).isEqualTo(401);
    assertThat(
            HealthProber.pitfall(
                outcome, StatusMatcher.parse("200"), at("/actuator/health"), Duration.ofSeconds(2)))
        .get()
        .asString()
        .startsWith("the health path is protected (401)");
  }

  @Test
  void timesOutWithTheConfiguredTimeout() {
    ProbeOutcome outcome = HealthProber.probe(at("/slow"), Duration.ofMillis(300));
    assertThat(outcome.kind()).isEqualTo(ProbeOutcome.Kind.TIMEOUT);
  }

  @Test
  void refusedConnectionIsAFailedCheck() throws Exception {
    int closed;
    try (ServerSocket socket =
        new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      closed = socket.getLocalPort();
    }
    ProbeOutcome outcome =
        HealthProber.probe(
            new HealthProber.ProbeTarget("127.0.0.1", closed, "/", false), Duration.ofSeconds(1));
    assertThat(outcome.kind()).isEqualTo(ProbeOutcome.Kind.FAILED);
  }

  @Test
  void probeRunSettlesEachTargetAndRoutingUsesTheResult() {
    String groups =
        "{\"name\":\"a\",\"targetType\":\"ip\",\"port\":"
            + port
            + ",\"healthCheck\":{\"path\":\"/ok\"},\"targets\":[{\"id\":\"127.0.0.1\"}]},"
            + "{\"name\":\"b\",\"targetType\":\"ip\",\"port\":"
            + port
            + ",\"healthCheck\":{\"path\":\"/actuator/health\"},\"targets\":[{\"id\":\"127.0.0.1\"}]},"
            + "{\"name\":\"c\",\"port\":9000}";
    io.elbctl.spec.Spec spec =
        SimSpecs.withRulesAndGroups(
            "[{\"priority\":1,\"conditions\":{\"pathPatterns\":[\"/b\"]},\"action\":{\"type\":\"forward\",\"targetGroup\":\"b\"}}]",
            groups);
    HealthModel model = HealthModel.healthy(spec, Semantics.DEFAULT);
    TargetRef target = new TargetRef("127.0.0.1", port);
    List<ProbeRun.Report> reports =
        ProbeRun.run(
            model,
            List.of(
                new ProbeRun.Subject("a", target, at("/ok")),
                new ProbeRun.Subject("b", target, at("/actuator/health"))),
            Duration.ofSeconds(2));
    assertThat(reports.get(0).health().state()).isEqualTo(TargetState.healthy);
    assertThat(reports.get(1).outcomes()).hasSize(2);
    assertThat(reports.get(1).health().state()).isEqualTo(TargetState.unhealthy);
    assertThat(reports.get(1).health().reason()).isEqualTo("Target.ResponseCodeMismatch");
    Decision decision = Router.compile(spec, Semantics.DEFAULT).decide(Request.get("/b"), model);
    assertThat(decision.failOpen()).isTrue();
  }
}
