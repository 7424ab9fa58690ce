package io.elbctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimCommandsTest {
  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "\n--- err\n" + err;
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void simulateNamesRuleAndGroup() {
    Run run = run("simulate", "-f", "examples/oauth2-split.json", "/login/oauth2/code/google");
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out())
        .as(run.toString())
        .contains(
            "priority 10: path-pattern /oauth2/authorization/* does not match /login/oauth2/code/google")
        .contains("→ rule 20: forward to target group backend");
  }

  @Test
  void simulateJsonFollowsTheRedirect() {
    Run run =
        run(
            "simulate",
            "-f",
            "examples/oauth2-split.json",
            "--follow",
            "--output",
            "json",
            "http://example.com/login/oauth2/code/google");
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out())
        .as(run.toString())
        .contains("\"listener\" : 443")
        .contains("\"priority\" : 20")
        .contains("\"targetGroup\" : \"backend\"")
        .contains("\"location\" : \"https://example.com:443/login/oauth2/code/google\"")
        .contains("\"statusCode\" : 301")
        .contains("\"failOpen\" : false");
  }

  @Test
  void simulateReportsFailOpenAnd503() {
    Run failOpen =
        run(
            "simulate",
            "-f",
            "examples/oauth2-split.json",
            "--target-health",
            "backend=unhealthy",
            "-o",
            "json",
            "/oauth2/authorization/google");
    assertThat(failOpen.out())
        .as(failOpen.toString())
        .contains("\"failOpen\" : true")
        .contains("\"state\" : \"unhealthy\"");
    Run empty =
        run(
            "simulate",
            "-f",
            "examples/oauth2-split.json",
            "--target-health",
            "client=draining",
            "-o",
            "json",
            "/");
    assertThat(empty.out()).as(empty.toString()).contains("\"statusCode\" : 503");
  }

  @Test
  void badRequestIsAUsageError() {
    Run run = run("simulate", "-f", "examples/oauth2-split.json", "ftp://x/");
    assertThat(run.code()).isEqualTo(4);
    assertThat(run.err()).contains("elbctl: 'ftp://x/' is not an http:// or https:// URL");
  }

  @Test
  void healthTimelinePrintsChangesWithReasonCodes() {
    Run run =
        run(
            "simulate",
            "-f",
            "examples/oauth2-split.json",
            "--health-timeline",
            "backend=200,500,timeout");
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out())
        .as(run.toString())
        .contains("→ healthy")
        .contains("→ unhealthy  Target.Timeout: Request timed out");
  }

  @Test
  void probeUsesLocalServersAndNamesThePitfall(@TempDir Path dir) throws Exception {
    HttpServer frontend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    frontend.createContext(
        "/",
        e -> {
          e.getResponseHeaders().add("Location", "/login");
          e.sendResponseHeaders(302, -1);
          e.close();
        });
    HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    backend.createContext(
        "/",
        e -> {
          e.sendResponseHeaders(200, -1);
          e.close();
        });
    frontend.start();
    backend.start();
    try {
      String spec =
          Files.readString(Path.of("examples/oauth2-split.json"))
              .replace("\"matcher\": \"200-399\"", "\"matcher\": \"200\"");
      Path file = dir.resolve("spec.json");
      Files.writeString(file, spec);
      Run run =
          run(
              "simulate",
              "-f",
              file.toString(),
              "--probe-url",
              "client=http://127.0.0.1:" + frontend.getAddress().getPort(),
              "--probe-url",
              "backend=http://127.0.0.1:" + backend.getAddress().getPort(),
              "/");
      assertThat(run.code()).as(run.toString()).isZero();
      assertThat(run.out())
          .as(run.toString())
          .contains("pitfall: redirects to a login page (302 → /login)")
          .contains("Target.ResponseCodeMismatch: Health checks failed with these codes: [302]")
          .contains("fail-open: no target of client is healthy");
    } finally {
      frontend.stop(0);
      backend.stop(0);
    }
  }

  @Test
  void routeTestsPassForTheExamplesAndFailWithExplanations(@TempDir Path dir) throws Exception {
    assertThat(run("test", "examples/oauth2-split.routes.json").code()).isZero();
    assertThat(run("test", "examples/canary-maintenance.routes.json").code()).isZero();
    Path routes = dir.resolve("routes.json");
    Files.writeString(
        routes,
        "{\"tests\":[{\"name\":\"wrong\",\"request\":\"/login\",\"expect\":{\"targetGroup\":\"backend\"}}]}");
    Path junit = dir.resolve("junit.xml");
    Run run =
        run(
            "test",
            "-f",
            "examples/oauth2-split.json",
            routes.toString(),
            "--junit",
            junit.toString());
    assertThat(run.code()).as(run.toString()).isEqualTo(2);
    assertThat(run.out())
        .contains("FAIL wrong")
        .contains("expected target group backend, got client");
    assertThat(Files.readString(junit))
        .contains("<testsuite")
        .contains("failures=\"1\"")
        .contains("<failure message=\"expected target group backend, got client\"");
  }

  @Test
  void lintAndValidateReportShadowing(@TempDir Path dir) throws Exception {
    String spec =
        Files.readString(Path.of("examples/oauth2-split.json"))
            .replace("\"/oauth2/authorization/*\"", "\"/*\"");
    Path file = dir.resolve("spec.json");
    Files.writeString(file, spec);
    Run lint = run("lint", file.toString());
    assertThat(lint.code()).as(lint.toString()).isZero();
    assertThat(lint.out())
        .contains(
            "rule 20 is unreachable: rule 10 matches every request it matches and is evaluated first (e.g. GET /login/oauth2/code/x → rule 10)");
    Run validate = run("validate", file.toString());
    assertThat(validate.code()).as(validate.toString()).isZero();
    assertThat(validate.out()).contains("rule 20 is unreachable");
  }

  @Test
  void aRuleThatCannotCompileIsAnInvalidSpec(@TempDir Path dir) throws Exception {
    // Under full anchoring \Q quotes the appended ")\z", so the valid regex no longer compiles.
    String spec =
        Files.readString(Path.of("examples/oauth2-split.json"))
            .replace(
                "\"pathPatterns\": [\"/oauth2/authorization/*\"]",
                "\"pathRegexes\": [\"\\\\Qabc\"]");
    Path file = dir.resolve("spec.json");
    Files.writeString(file, spec);
    assertThat(run("validate", file.toString()).code()).isZero();
    Run simulate = run("simulate", "-f", file.toString(), "--regex-match", "full", "/");
    assertThat(simulate.code()).as(simulate.toString()).isEqualTo(3);
    assertThat(simulate.err())
        .as(simulate.toString())
        .startsWith("elbctl: cannot compile the spec's rules: Unclosed group")
        .doesNotContain("internal error");
    Run lint = run("lint", file.toString(), "--regex-match", "full");
    assertThat(lint.code()).as(lint.toString()).isEqualTo(3);
    assertThat(lint.err())
        .as(lint.toString())
        .startsWith("elbctl: cannot compile the rules: Unclosed group");
  }

  @Test
  void replayCountsAndCompares(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("access.log");
    Files.writeString(
        log, "GET https://example.com/login/oauth2/code/google\nGET https://example.com/\n");
    Run run =
        run(
            "simulate",
            "-f",
            "examples/oauth2-split.json",
            "--replay",
            log.toString(),
            "-o",
            "json");
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("\"443 rule 20\" : 1")
        .contains("\"backend\" : 1")
        .contains("\"client\" : 1");
    Run compare =
        run(
            "simulate",
            "-f",
            "examples/oauth2-split.json",
            "--replay",
            log.toString(),
            "--compare",
            "examples/canary-maintenance.json");
    assertThat(compare.code()).as(compare.toString()).isZero();
    assertThat(compare.out()).contains("2 requests change destination");
  }
}
