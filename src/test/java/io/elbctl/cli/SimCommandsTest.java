package io.elbctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimCommandsTest {
  private static final String EXAMPLE = "examples/oauth2-split.json";

  /** {@code elbctl simulate -f} the oauth2-split example, then {@code args}. */
  private static Cli.Result simulate(String... args) {
    List<String> line = new ArrayList<>(List.of("simulate", "-f", EXAMPLE));
    line.addAll(List.of(args));
    return Cli.run(line.toArray(String[]::new));
  }

  /** The oauth2-split example with {@code text} replaced, written as {@code dir/spec.json}. */
  private static Path exampleWith(Path dir, String text, String replacement) throws IOException {
    Path file = dir.resolve("spec.json");
    Files.writeString(file, Files.readString(Path.of(EXAMPLE)).replace(text, replacement));
    return file;
  }

  @Test
  void simulateNamesRuleAndGroup() {
    Cli.Result run = simulate("/login/oauth2/code/google");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .as(run.toString())
        .contains(
            "priority 10: path-pattern /oauth2/authorization/* does not match /login/oauth2/code/google")
        .contains("→ rule 20: forward to target group backend");
  }

  @Test
  void simulateShowsTheRewrittenRequest_inTheTraceAndTheJson(@TempDir Path dir) throws IOException {
    Path spec =
        exampleWith(
            dir,
            "\"action\": { \"type\": \"forward\", \"targetGroup\": \"backend\" } },",
            "\"transforms\": { \"urlRewrite\": { \"regex\": \"^/oauth2/authorization/(.*)$\","
                + " \"replace\": \"/login/$1\" } },"
                + " \"action\": { \"type\": \"forward\", \"targetGroup\": \"backend\" } },");
    Cli.Result text =
        Cli.run("simulate", "-f", spec.toString(), "/oauth2/authorization/google?x=1");
    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out())
        .as(text.toString())
        .contains("→ rule 10: forward to target group backend")
        .contains("  url-rewrite: \"/oauth2/authorization/google?x=1\" -> \"/login/google?x=1\"")
        .contains("  the target receives Host: example.com, /login/google?x=1");
    Cli.Result json =
        Cli.run(
            "simulate", "-f", spec.toString(), "-o", "json", "/oauth2/authorization/google?x=1");
    assertThat(json.out())
        .as(json.toString())
        .contains("\"forwarded\" : {")
        .contains("\"path\" : \"/login/google\"")
        .contains("\"transformFailed\" : false");
  }

  @Test
  void simulateSni_namesTheCertificateTheListenerPresents(@TempDir Path dir) throws IOException {
    Path spec =
        exampleWith(
            dir,
            "\"defaultAction\": { \"type\": \"forward\", \"targetGroup\": \"client\" },",
            "\"certificates\": [ { \"domainName\": \"shop.example.com\" } ],"
                + " \"defaultAction\": { \"type\": \"forward\", \"targetGroup\": \"client\" },");
    Cli.Result exact = Cli.run("simulate", "-f", spec.toString(), "--sni", "shop.example.com", "/");
    assertThat(exact.out())
        .as(exact.toString())
        .contains(
            "  TLS: certificate shop.example.com [shop.example.com]: names shop.example.com"
                + " exactly");
    Cli.Result byHost = Cli.run("simulate", "-f", spec.toString(), "https://www.example.com/");
    assertThat(byHost.out())
        .as(byHost.toString())
        .contains(
            "  TLS: certificate example.com (default) [example.com, *.example.com]: covers"
                + " www.example.com by its wildcard");
    Cli.Result json =
        Cli.run("simulate", "-f", spec.toString(), "-o", "json", "--sni", "x.y.example.com", "/");
    assertThat(json.out())
        .as(json.toString())
        .contains("\"serverName\" : \"x.y.example.com\"")
        .contains("\"default\" : true")
        .contains("no certificate covers x.y.example.com");
  }

  @Test
  void simulateAuthenticate_redirectsASignedOutClient_andContinuesWhenAuthenticated(
      @TempDir Path dir) throws IOException {
    Path spec =
        exampleWith(
            dir,
            "\"action\": { \"type\": \"forward\", \"targetGroup\": \"backend\" } },",
            "\"authenticate\": { \"type\": \"oidc\", \"issuer\": \"https://idp.example.net\","
                + " \"authorizationEndpoint\": \"https://idp.example.net/authorize\","
                + " \"tokenEndpoint\": \"https://idp.example.net/token\","
                + " \"userInfoEndpoint\": \"https://idp.example.net/userinfo\","
                + " \"clientId\": \"app\", \"clientSecret\": { \"env\": \"OIDC_SECRET\" } },"
                + " \"action\": { \"type\": \"forward\", \"targetGroup\": \"backend\" } },");
    Cli.Result signedOut =
        Cli.run("simulate", "-f", spec.toString(), "-o", "json", "/oauth2/authorization/google");
    assertThat(signedOut.exitCode()).as(signedOut.toString()).isZero();
    assertThat(signedOut.out())
        .as(signedOut.toString())
        .contains("\"statusCode\" : 302")
        .contains("\"outcome\" : \"redirect\"")
        .contains(
            "\"location\" : \"https://idp.example.net/authorize?response_type=code&client_id=app"
                + "&redirect_uri=https%3A%2F%2Fexample.com%2Foauth2%2Fidpresponse&scope=openid"
                + "&state=STATE\"");
    Cli.Result signedIn =
        Cli.run(
            "simulate", "-f", spec.toString(), "--authenticated", "/oauth2/authorization/google");
    assertThat(signedIn.out())
        .as(signedIn.toString())
        .contains("authenticate-oidc: signed in")
        .contains("→ rule 10: forward to target group backend");
  }

  @Test
  void simulateJsonFollowsTheRedirect() {
    Cli.Result run =
        simulate("--follow", "--output", "json", "http://example.com/login/oauth2/code/google");
    assertThat(run.exitCode()).as(run.toString()).isZero();
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
    Cli.Result failOpen =
        simulate(
            "--target-health", "backend=unhealthy", "-o", "json", "/oauth2/authorization/google");
    assertThat(failOpen.out())
        .as(failOpen.toString())
        .contains("\"failOpen\" : true")
        .contains("\"state\" : \"unhealthy\"");
    Cli.Result empty = simulate("--target-health", "client=draining", "-o", "json", "/");
    assertThat(empty.out()).as(empty.toString()).contains("\"statusCode\" : 503");
  }

  @Test
  void badRequestIsAUsageError() {
    Cli.Result run = simulate("ftp://x/");
    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.err()).contains("elbctl: 'ftp://x/' is not an http:// or https:// URL");
  }

  @Test
  void healthTimelinePrintsChangesWithReasonCodes() {
    Cli.Result run = simulate("--health-timeline", "backend=200,500,timeout");
    assertThat(run.exitCode()).as(run.toString()).isZero();
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
      Path file = exampleWith(dir, "\"matcher\": \"200-399\"", "\"matcher\": \"200\"");
      Cli.Result run =
          Cli.run(
              "simulate",
              "-f",
              file.toString(),
              "--probe-url",
              "client=http://127.0.0.1:" + frontend.getAddress().getPort(),
              "--probe-url",
              "backend=http://127.0.0.1:" + backend.getAddress().getPort(),
              "/");
      assertThat(run.exitCode()).as(run.toString()).isZero();
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
    assertThat(Cli.run("test", "examples/oauth2-split.routes.json").exitCode()).isZero();
    assertThat(Cli.run("test", "examples/canary-maintenance.routes.json").exitCode()).isZero();
    Path routes = dir.resolve("routes.json");
    Files.writeString(
        routes,
        "{\"tests\":[{\"name\":\"wrong\",\"request\":\"/login\",\"expect\":{\"targetGroup\":\"backend\"}}]}");
    Path junit = dir.resolve("junit.xml");
    Cli.Result run = Cli.run("test", "-f", EXAMPLE, routes.toString(), "--junit", junit.toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
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
    Path file = exampleWith(dir, "\"/oauth2/authorization/*\"", "\"/*\"");
    Cli.Result lint = Cli.run("lint", file.toString());
    assertThat(lint.exitCode()).as(lint.toString()).isZero();
    assertThat(lint.out())
        .contains(
            "rule 20 is unreachable: rule 10 matches every request it matches and is evaluated first (e.g. GET /login/oauth2/code/x → rule 10)");
    Cli.Result validate = Cli.run("validate", file.toString());
    assertThat(validate.exitCode()).as(validate.toString()).isZero();
    assertThat(validate.out()).contains("rule 20 is unreachable");
  }

  @Test
  void aRuleThatCannotCompileIsAnInvalidSpec(@TempDir Path dir) throws Exception {
    // Under full anchoring \Q quotes the appended ")\z", so the valid regex no longer compiles.
    Path file =
        exampleWith(
            dir,
            "\"pathPatterns\": [\"/oauth2/authorization/*\"]",
            "\"pathRegexes\": [\"\\\\Qabc\"]");
    assertThat(Cli.run("validate", file.toString()).exitCode()).isZero();
    Cli.Result simulate = Cli.run("simulate", "-f", file.toString(), "--regex-match", "full", "/");
    assertThat(simulate.exitCode()).as(simulate.toString()).isEqualTo(3);
    assertThat(simulate.err())
        .as(simulate.toString())
        .startsWith("elbctl: cannot compile the spec's rules: Unclosed group")
        .doesNotContain("internal error");
    Cli.Result lint = Cli.run("lint", file.toString(), "--regex-match", "full");
    assertThat(lint.exitCode()).as(lint.toString()).isEqualTo(3);
    assertThat(lint.err())
        .as(lint.toString())
        .startsWith("elbctl: cannot compile the rules: Unclosed group");
  }

  @Test
  void replayCountsAndCompares(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("access.log");
    Files.writeString(
        log, "GET https://example.com/login/oauth2/code/google\nGET https://example.com/\n");
    Cli.Result run = simulate("--replay", log.toString(), "-o", "json");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("\"443 rule 20\" : 1")
        .contains("\"backend\" : 1")
        .contains("\"client\" : 1");
    Cli.Result compare =
        simulate("--replay", log.toString(), "--compare", "examples/canary-maintenance.json");
    assertThat(compare.exitCode()).as(compare.toString()).isZero();
    assertThat(compare.out()).contains("2 requests change destination");
  }
}
