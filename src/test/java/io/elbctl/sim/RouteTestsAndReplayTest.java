package io.elbctl.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTestsAndReplayTest {
  private static final Router OAUTH =
      Router.compile(SimSpecs.example("oauth2-split.json"), Semantics.DEFAULT);

  @Test
  void mismatchesAreExplained() {
    RouteTests.Suite suite =
        RouteTests.parse(
            ("{\"tests\":[{\"request\":\"/login\",\"expect\":{\"targetGroup\":\"backend\",\"rule\":20}},"
                    + "{\"request\":\"/oauth2/authorization/x\",\"expect\":{\"targetGroup\":\"backend\"}}]}")
                .getBytes(StandardCharsets.UTF_8));
    List<RouteTests.Result> results = RouteTests.run(OAUTH, HealthView.ALL_HEALTHY, suite.tests());
    assertThat(results.get(0).mismatches())
        .containsExactly(
            "expected target group backend, got client", "expected rule 20, got default action");
    assertThat(results.get(1).passed()).isTrue();
  }

  @Test
  void unknownFieldsInARoutesFileAreRejected() {
    assertThatThrownBy(
            () ->
                RouteTests.parse(
                    "{\"tests\":[{\"request\":\"/\",\"expect\":{\"group\":\"x\"}}]}"
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessage("tests[0].expect: unknown field 'group'");
  }

  @Test
  void parsesAlbAccessLogLinesAndPlainLines() {
    Request alb =
        AccessLog.parse(
            "https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817"
                + " 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 \"GET https://www.example.com:443/p/a?x=1 HTTP/1.1\""
                + " \"curl/7.46.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067"
                + " \"Root=1-58337281-1d84f3d73c47ec4e58577259\" \"www.example.com\" \"-\" 1 2018-07-02T22:22:48.364000Z"
                + " \"authenticate,forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\"");
    assertThat(alb.method()).isEqualTo("GET");
    assertThat(alb.port()).isEqualTo(443);
    assertThat(alb.host()).isEqualTo("www.example.com");
    assertThat(alb.path()).isEqualTo("/p/a");
    assertThat(alb.query()).isEqualTo("x=1");
    assertThat(alb.sourceIp()).isEqualTo("192.168.131.39");
    Request plain = AccessLog.parse("POST http://example.com:8080/x");
    assertThat(plain.method()).isEqualTo("POST");
    assertThat(plain.host()).isEqualTo("example.com:8080");
    assertThat(AccessLog.parse("http - - - - - - - 400 - 0 0 \"- - - \" \"-\"")).isNull();
  }

  @Test
  void tallyCountsRulesAndSplitsWeightsExactly() throws Exception {
    String log =
        "GET https://example.com/login/oauth2/code/google\n"
            + "GET https://example.com/\n"
            + "GET http://example.com/x\r\n"
            + "# comment\n"
            + "not-a-request\n"
            + "GET https://example.com/oauth2/authorization/google";
    Replay.Tally tally =
        Replay.tally(OAUTH, new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)));
    assertThat(tally.lines()).isEqualTo(5);
    assertThat(tally.unparsed()).isEqualTo(1);
    assertThat(tally.rules())
        .containsEntry("443 rule 20", 1L)
        .containsEntry("443 rule 10", 1L)
        .containsEntry("443 default", 1L)
        .containsEntry("80 default", 1L);
    assertThat(tally.destinations())
        .containsEntry("backend", 2L)
        .containsEntry("client", 1L)
        .containsEntry("redirect 301", 1L);

    Router canary = Router.compile(SimSpecs.example("canary-maintenance.json"), Semantics.DEFAULT);
    String api = "GET https://api.shop.example.org/v1/x\n".repeat(100);
    Replay.Tally split =
        Replay.tally(canary, new ByteArrayInputStream(api.getBytes(StandardCharsets.UTF_8)));
    assertThat(split.destinations())
        .containsEntry("api-stable", 90L)
        .containsEntry("api-canary", 10L);
  }

  @Test
  void compareListsRequestsThatChangeDestination() throws Exception {
    Router other =
        Router.compile(
            SimSpecs.withRules(
                "[{\"priority\":1,\"conditions\":{\"pathPatterns\":[\"/login*\"]},\"action\":{\"type\":\"forward\",\"targetGroup\":\"b\"}}]"),
            Semantics.DEFAULT);
    String log =
        "GET http://example.com/login\nGET http://example.com/login/x\nGET https://example.com/\n";
    Replay.Comparison comparison =
        Replay.compare(
            OAUTH, other, new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)));
    assertThat(comparison.changed()).isEqualTo(3);
    assertThat(comparison.changes().get(0).from())
        .isEqualTo("redirect 301 https://example.com:443/login");
  }
}
