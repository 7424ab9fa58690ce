package io.elbctl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.spec.SpecReader;
import io.elbctl.spec.SpecResult;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * serve applies a rule's transforms before forwarding: the app on 127.0.0.1 receives the rewritten
 * path, query and Host header, a request the regex misses arrives unchanged, and a match that
 * cannot be rewritten is answered 500 by the load balancer without reaching the app.
 */
class TransformsServeTest {
  private static final String SPEC =
      """
      {
        "apiVersion": "elbctl/v1", "name": "rw", "region": "eu-west-1",
        "domain": { "hostedZone": "example.com", "records": ["example.com"] },
        "targetGroups": [ { "name": "app", "port": 3000, "targets": [ { "id": "i-0123456789abcdef0" } ] } ],
        "loadBalancer": { "name": "rw-alb", "listeners": [
          { "port": 80, "protocol": "HTTP",
            "defaultAction": { "type": "fixed-response", "statusCode": "404" },
            "rules": [
              { "priority": 1, "conditions": { "pathPatterns": ["/api/*"] },
                "transforms": {
                  "urlRewrite": { "regex": "^/api/(.*)$", "replace": "/v2/$1" },
                  "hostHeaderRewrite": { "regex": "^shop-(\\\\w+)\\\\.example\\\\.com", "replace": "$1.internal" } },
                "action": { "type": "forward", "targetGroup": "app" } },
              { "priority": 2, "conditions": { "pathPatterns": ["/broken/*"] },
                "transforms": { "urlRewrite": { "regex": "^/broken/(.*)$", "replace": "/$2" } },
                "action": { "type": "forward", "targetGroup": "app" } } ] } ] }
      }
      """;

  private FakeApp app;
  private LocalAlb alb;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    app = new FakeApp("app");
    SpecResult parsed = SpecReader.parse(SPEC);
    assertThat(parsed.errors()).isEmpty();
    LocalTargets.Result local = LocalTargets.apply(parsed.spec(), List.of("app=" + app.url()));
    ServeConfig config =
        TestConfig.of(local.spec(), 80)
            .accessLog(new AccessLogWriter(new StringWriter(), false, "rw-alb", "eu-west-1"))
            .build();
    alb = LocalAlb.bind(config, event -> {});
  }

  @AfterEach
  void stop() {
    alb.close();
    app.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + alb.localPort(80) + path));
    return client.send(
        request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theTargetReceivesTheRewrittenUrlAndHost() throws Exception {
    try (RawClient raw = new RawClient(alb.localPort(80))) {
      RawClient.Response response =
          raw.exchange(
              "GET /api/orders?page=2 HTTP/1.1\r\nHost: shop-eu.example.com\r\n"
                  + "Connection: close\r\n\r\n");
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body())
          .contains("uri=/v2/orders?page=2\n")
          .contains("host=eu.internal\n");
    }
  }

  @Test
  void aHostTheRegexMisses_arrivesUnchanged() throws Exception {
    HttpResponse<String> response = get("/api/orders");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("uri=/v2/orders\n")
        .contains("host=127.0.0.1:" + alb.localPort(80) + "\n");
  }

  @Test
  void aFailedRewrite_isAnswered500ByTheLoadBalancer() throws Exception {
    HttpResponse<String> response = get("/broken/x");
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).doesNotContain("app=app");
  }
}
