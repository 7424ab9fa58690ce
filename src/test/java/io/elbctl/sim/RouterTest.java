package io.elbctl.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbctl.spec.Spec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouterTest {
  private static final Router OAUTH =
      Router.compile(SimSpecs.example("oauth2-split.json"), Semantics.DEFAULT);
  private static final Router CANARY =
      Router.compile(SimSpecs.example("canary-maintenance.json"), Semantics.DEFAULT);

  @ParameterizedTest(name = "{0} -> {1} ({2})")
  @CsvSource({
    "/login/oauth2/code/google, backend, 20",
    "/oauth2/authorization/google, backend, 10",
    "/, client, default",
    "/login, client, default",
    "/oauth2/authorization, client, default",
    "/oauth2/authorization/google?x=/login/oauth2/code/a, backend, 10",
    "/OAUTH2/authorization/google, client, default",
  })
  void oauthSplitRoutesAsTheAlbDoes(String path, String group, String rule) {
    Decision decision = OAUTH.decide(Request.get(path), HealthView.ALL_HEALTHY);
    assertThat(decision.listenerPort()).isEqualTo(443);
    assertThat(decision.targetGroup()).isEqualTo(group);
    assertThat(decision.priority() == null ? "default" : String.valueOf(decision.priority()))
        .isEqualTo(rule);
    assertThat(OAUTH.route(Request.get(path), HealthView.ALL_HEALTHY).priority())
        .isEqualTo(decision.priority());
  }

  @Test
  void traceNamesTheFirstFailingCondition() {
    Decision decision =
        OAUTH.decide(Request.get("/login/oauth2/code/google"), HealthView.ALL_HEALTHY);
    assertThat(decision.trace())
        .extracting(TraceEntry::toString)
        .containsExactly(
            "priority 10: path-pattern /oauth2/authorization/* does not match /login/oauth2/code/google",
            "priority 20: matched (path-pattern /login/oauth2/code/*)");
  }

  @Test
  void httpRedirectKeepsPathAndQueryAndFollowsIntoHttps() {
    List<Decision> hops =
        OAUTH.follow(
            Request.parse("http://example.com/login/oauth2/code/google?code=1", "GET"),
            HealthView.ALL_HEALTHY);
    assertThat(hops).hasSize(2);
    assertThat(hops.get(0).statusCode()).isEqualTo(301);
    assertThat(hops.get(0).location())
        .isEqualTo("https://example.com:443/login/oauth2/code/google?code=1");
    assertThat(hops.get(1).listenerPort()).isEqualTo(443);
    assertThat(hops.get(1).targetGroup()).isEqualTo("backend");
    assertThat(hops.get(1).request().host()).isEqualTo("example.com");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // #{path} has no leading '/'; unset parts keep the original value.
        "{\"type\":\"redirect\",\"protocol\":\"HTTPS\",\"port\":\"443\",\"statusCode\":\"HTTP_301\"}|https://example.com:443/a/b?q=1",
        "{\"type\":\"redirect\",\"host\":\"www.#{host}\",\"path\":\"/new/#{path}\",\"statusCode\":\"HTTP_302\"}|http://www.example.com:80/new/a/b?q=1",
        "{\"type\":\"redirect\",\"path\":\"/x\",\"query\":\"from=#{path}&#{query}\",\"statusCode\":\"HTTP_301\"}|http://example.com:80/x?from=a/b&q=1",
        "{\"type\":\"redirect\",\"protocol\":\"HTTPS\",\"statusCode\":\"HTTP_301\"}|https://example.com:80/a/b?q=1",
      })
  void redirectPlaceholders(String action, String location) {
    Spec spec =
        SimSpecs.withRules(
            "[{\"priority\":1,\"conditions\":{\"pathPatterns\":[\"/a/*\"]},\"action\":"
                + action
                + "}]");
    Decision decision =
        Router.compile(spec, Semantics.DEFAULT)
            .decide(Request.get("/a/b?q=1"), HealthView.ALL_HEALTHY);
    assertThat(decision.location()).isEqualTo(location);
  }

  @Test
  void locationCanOmitTheDefaultPort() {
    Semantics omit =
        new Semantics(
            Semantics.HostPort.keep,
            Semantics.PathDecoding.raw,
            Semantics.RegexMatch.search,
            Semantics.RegexCase.condition,
            Semantics.InitialHealthy.one,
            Semantics.LocationPort.omit_default);
    Decision decision =
        Router.compile(SimSpecs.example("oauth2-split.json"), omit)
            .decide(Request.parse("http://example.com/x", "GET"), HealthView.ALL_HEALTHY);
    assertThat(decision.location()).isEqualTo("https://example.com/x");
  }

  @Test
  void firstMatchByPriorityNotMostSpecific() {
    Spec spec =
        SimSpecs.withRules(
            "[{\"priority\":20,\"conditions\":{\"pathPatterns\":[\"/api/v1/*\"]},\"action\":{\"type\":\"forward\",\"targetGroup\":\"c\"}},"
                + "{\"priority\":10,\"conditions\":{\"pathPatterns\":[\"/*\"]},\"action\":{\"type\":\"forward\",\"targetGroup\":\"b\"}}]");
    Decision decision =
        Router.compile(spec, Semantics.DEFAULT)
            .decide(Request.get("/api/v1/x"), HealthView.ALL_HEALTHY);
    assertThat(decision.priority()).isEqualTo(10);
  }

  @Test
  void weightedForwardReportsEachShare() {
    Decision decision =
        CANARY.decide(
            Request.parse("https://api.shop.example.org/v1", "GET"), HealthView.ALL_HEALTHY);
    assertThat(decision.groups())
        .extracting(Decision.GroupRoute::name, Decision.GroupRoute::share)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("api-stable", 0.9),
            org.assertj.core.groups.Tuple.tuple("api-canary", 0.1));
  }

  @Test
  void fixedResponseIsTheAlbsOwnAnswer() {
    Decision decision =
        CANARY.decide(
            Request.get("/metrics").withHeader("x-maintenance", "off"), HealthView.ALL_HEALTHY);
    assertThat(decision.statusCode()).isEqualTo(404);
    assertThat(decision.targets()).isEmpty();
  }

  @Test
  void unhealthyGroupFailsOpenToAllRegisteredTargets() {
    Spec spec = SimSpecs.withRules("[]");
    HealthModel health = HealthModel.healthy(spec, Semantics.DEFAULT);
    health.set(
        "a", new TargetRef("10.0.0.1", 3000), TargetState.unhealthy, java.time.Duration.ZERO);
    Decision decision = Router.compile(spec, Semantics.DEFAULT).decide(Request.get("/"), health);
    assertThat(decision.failOpen()).isTrue();
    assertThat(decision.statusCode()).isNull();
    assertThat(decision.targets())
        .extracting(t -> t.target().key())
        .containsExactly("10.0.0.1:3000");
  }

  @Test
  void healthyTargetsOnlyWhenSomeAreHealthy() {
    Spec spec =
        SimSpecs.withRules(
            "[{\"priority\":1,\"conditions\":{\"pathPatterns\":[\"/b\"]},\"action\":{\"type\":\"forward\",\"targetGroup\":\"b\"}}]");
    HealthModel health = HealthModel.healthy(spec, Semantics.DEFAULT);
    health.set(
        "b", new TargetRef("10.0.0.2", 8080), TargetState.unhealthy, java.time.Duration.ZERO);
    Decision decision = Router.compile(spec, Semantics.DEFAULT).decide(Request.get("/b"), health);
    assertThat(decision.failOpen()).isFalse();
    assertThat(decision.targets())
        .extracting(t -> t.target().key())
        .containsExactly("10.0.0.3:8080");
  }

  @Test
  void groupWithoutRegisteredTargetsAnswers503() {
    Spec spec =
        SimSpecs.withRules(
            "[{\"priority\":1,\"conditions\":{\"pathPatterns\":[\"/c\"]},\"action\":{\"type\":\"forward\",\"targetGroup\":\"c\"}}]");
    Decision decision =
        Router.compile(spec, Semantics.DEFAULT).decide(Request.get("/c"), HealthView.ALL_HEALTHY);
    assertThat(decision.statusCode()).isEqualTo(503);
    assertThat(decision.groups().get(0).noRegisteredTargets()).isTrue();
  }

  @Test
  void drainingTargetsAreNotRegisteredForRouting() {
    Spec spec = SimSpecs.withRules("[]");
    HealthModel health = HealthModel.healthy(spec, Semantics.DEFAULT);
    health.deregister("a", new TargetRef("10.0.0.1", 3000), java.time.Duration.ZERO);
    Decision decision = Router.compile(spec, Semantics.DEFAULT).decide(Request.get("/"), health);
    assertThat(decision.statusCode()).isEqualTo(503);
  }

  @Test
  void unknownListenerPortIsRefused() {
    assertThatThrownBy(() -> OAUTH.decide(Request.get("/").withPort(8443), HealthView.ALL_HEALTHY))
        .hasMessageContaining("no listener on port 8443");
  }

  @Test
  void indexedListenerAgreesWithRuleByRuleEvaluation() {
    StringBuilder rules = new StringBuilder("[");
    for (int i = 0; i < 40; i++) {
      rules
          .append(i > 0 ? "," : "")
          .append("{\"priority\":")
          .append(i + 1)
          .append(",\"conditions\":{\"pathPatterns\":[\"/s")
          .append(i % 7)
          .append(i % 3 == 0 ? "/*\"" : "\"")
          .append(i % 5 == 0 ? ",\"*.css\"" : "")
          .append("]")
          .append(i % 4 == 0 ? ",\"methods\":[\"POST\"]" : "")
          .append("},\"action\":{\"type\":\"forward\",\"targetGroup\":\"b\"}}");
    }
    Router router =
        Router.compile(SimSpecs.withRules(rules.append("]").toString()), Semantics.DEFAULT);
    CompiledListener listener = router.defaultListener();
    for (String path : List.of("/s1", "/s3/x", "/s0/a.css", "/x.css", "/s6", "/none", "/s", "/")) {
      for (String method : List.of("GET", "POST")) {
        PreparedRequest prepared =
            router.prepare(router.complete(Request.parse(path, method), listener));
        List<TraceEntry> trace = listener.explain(prepared);
        int expected =
            trace.isEmpty() || !trace.get(trace.size() - 1).matched() ? -1 : trace.size() - 1;
        assertThat(listener.match(prepared)).as(method + " " + path).isEqualTo(expected);
      }
    }
  }
}
