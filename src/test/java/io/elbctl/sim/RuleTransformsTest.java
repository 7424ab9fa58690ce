package io.elbctl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.spec.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rule transforms as the ALB guide's "Transforms for listener rules" describes them: applied after
 * the rule is chosen, the original request forwarded when the regex does not match, HTTP 500 when a
 * match cannot be rewritten, $N inserting capture groups.
 */
class RuleTransformsTest {

  private static Router router(String transforms) {
    return Router.compile(
        SimSpecs.withRules(
            "[{\"priority\":1,\"conditions\":{\"pathPatterns\":[\"/dp/*\",\"/api/*\"]},"
                + "\"transforms\":"
                + transforms
                + ",\"action\":{\"type\":\"forward\",\"targetGroup\":\"b\"}},"
                + "{\"priority\":2,\"conditions\":{\"pathPatterns\":[\"/product.php\"]},"
                + "\"action\":{\"type\":\"fixed-response\",\"statusCode\":\"404\"}}]"),
        Semantics.DEFAULT);
  }

  private static final String URL_AND_HOST =
      "{\"urlRewrite\":{\"regex\":\"^/dp/([A-Za-z0-9]+)/?$\",\"replace\":\"/product.php?id=$1\"},"
          + "\"hostHeaderRewrite\":{\"regex\":\"^mywebsite-(.+).com$\","
          + "\"replace\":\"internal.dev.$1.myweb.com\"}}";

  @ParameterizedTest(name = "{0} {1} -> {2} {3}")
  @CsvSource({
    // The guide's two examples.
    "mywebsite-example.com, /dp/B01, internal.dev.example.myweb.com, /product.php?id=B01",
    "mywebsite-example.com, /dp/B01/, internal.dev.example.myweb.com, /product.php?id=B01",
    // No match: forwarded unchanged.
    "example.org, /dp/a/b, example.org, /dp/a/b",
    // The regex sees the query too, so an anchored one misses a URL with a query.
    "example.org, /dp/B01?ref=x, example.org, /dp/B01?ref=x",
  })
  void rewritesHostAndUrl_afterTheRuleMatched(
      String host, String url, String newHost, String newUrl) {
    Decision decision =
        router(URL_AND_HOST)
            .decide(Request.parse("http://" + host + url, "GET"), HealthView.ALL_HEALTHY);

    assertThat(decision.priority()).isEqualTo(1);
    assertThat(decision.statusCode()).isNull();
    assertThat(decision.rewritten().host()).isEqualTo(newHost);
    assertThat(decision.rewritten().target()).isEqualTo(newUrl);
    assertThat(decision.request().path())
        .as("the routed request is not altered")
        .startsWith("/dp/");
  }

  @Test
  void rewritingNeverChangesWhichRuleMatched() {
    // /dp/B01 becomes /product.php, which rule 2 would answer with 404; rule 1 still forwards it.
    Decision decision = router(URL_AND_HOST).decide(Request.get("/dp/B01"), HealthView.ALL_HEALTHY);
    assertThat(decision.priority()).isEqualTo(1);
    assertThat(decision.targetGroup()).isEqualTo("b");
    assertThat(decision.rewritten().path()).isEqualTo("/product.php");
    assertThat(decision.rewritten().query()).isEqualTo("id=B01");
    assertThat(decision.rewritten().notes())
        .containsExactly(
            "host-header-rewrite: ^mywebsite-(.+).com$ does not match \"example.com\"",
            "url-rewrite: \"/dp/B01\" -> \"/product.php?id=B01\"");
  }

  @Test
  void aMatchThatCannotBeRewritten_isAnswered500() {
    Router router = router("{\"urlRewrite\":{\"regex\":\"^/api/(.*)$\",\"replace\":\"/$2\"}}");
    Decision decision = router.decide(Request.get("/api/x"), HealthView.ALL_HEALTHY);
    assertThat(decision.statusCode()).isEqualTo(500);
    assertThat(decision.rewritten().failed()).isTrue();
    assertThat(decision.rewritten().notes().get(0))
        .isEqualTo(
            "url-rewrite failed on \"/api/x\": $2 names a group the regex does not have (it has 1)"
                + " (ALB answers 500)");
    // Not matching at all is not a failure.
    assertThat(router.decide(Request.get("/dp/x"), HealthView.ALL_HEALTHY).statusCode()).isNull();
  }

  @Test
  void aUrlThatNoLongerStartsWithASlash_fails() {
    Router router = router("{\"urlRewrite\":{\"regex\":\"^/api/\",\"replace\":\"\"}}");
    assertThat(router.decide(Request.get("/api/x"), HealthView.ALL_HEALTHY).statusCode())
        .isEqualTo(500);
  }

  @Test
  void stripsAPrefix_andKeepsTheQueryUnmatchedByTheRegex() {
    Router router = router("{\"urlRewrite\":{\"regex\":\"^/api/\",\"replace\":\"/\"}}");
    Decision decision = router.decide(Request.get("/api/v1/orders?page=2"), HealthView.ALL_HEALTHY);
    assertThat(decision.rewritten().path()).isEqualTo("/v1/orders");
    assertThat(decision.rewritten().query()).isEqualTo("page=2");
  }

  @Test
  void decodingIsAnOption() {
    String transforms = "{\"urlRewrite\":{\"regex\":\"^/api/(.*)$\",\"replace\":\"/$1\"}}";
    Semantics decode =
        new Semantics(
            Semantics.DEFAULT.hostPort(),
            Semantics.DEFAULT.pathDecoding(),
            Semantics.DEFAULT.regexMatch(),
            Semantics.DEFAULT.regexCase(),
            Semantics.DEFAULT.initialHealthy(),
            Semantics.DEFAULT.locationPort(),
            Semantics.RewriteDecoding.decode);
    Request request = Request.get("/api/a%3Ab");
    assertThat(router(transforms).decide(request, HealthView.ALL_HEALTHY).rewritten().path())
        .isEqualTo("/a%3Ab");
    Router decoding =
        Router.compile(
            SimSpecs.withRules(
                "[{\"priority\":1,\"conditions\":{\"pathPatterns\":[\"/api/*\"]},\"transforms\":"
                    + transforms
                    + ",\"action\":{\"type\":\"forward\",\"targetGroup\":\"b\"}}]"),
            decode);
    assertThat(decoding.decide(request, HealthView.ALL_HEALTHY).rewritten().path())
        .isEqualTo("/a:b");
  }

  @Test
  void lintWarnsOfAMissingCaptureGroup() {
    List<Problem> problems =
        Linter.lint(
            SimSpecs.withRules(
                "[{\"priority\":1,\"conditions\":{\"pathPatterns\":[\"/api/*\"]},\"transforms\":"
                    + "{\"hostHeaderRewrite\":{\"regex\":\"^(a)\\\\.example\\\\.com$\","
                    + "\"replace\":\"$1.$3.internal\"}},"
                    + "\"action\":{\"type\":\"forward\",\"targetGroup\":\"b\"}}]"),
            Semantics.DEFAULT);
    assertThat(problems)
        .extracting(Problem::describe)
        .contains(
            "loadBalancer.listeners[0].rules[0].transforms.hostHeaderRewrite.replace: $3"
                + " names a capture group the regex does not have (it has 1); ALB answers 500 to"
                + " every request the regex matches");
  }
}
