package io.elbctl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.TrustAnything;
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
 * serve answers a signed-out request to a rule with an authenticate action as the ALB does: 302 to
 * the IdP's authorization endpoint (or 401 with deny), without reaching the app on 127.0.0.1; other
 * rules still forward.
 */
class AuthenticateServeTest {
  private static final String SPEC =
      """
      {
        "apiVersion": "elbctl/v1", "name": "auth", "region": "eu-west-1",
        "domain": { "hostedZone": "example.com", "records": ["example.com"] },
        "certificate": { "domainName": "example.com" },
        "targetGroups": [ { "name": "app", "port": 3000, "targets": [ { "id": "i-0123456789abcdef0" } ] } ],
        "loadBalancer": { "name": "auth-alb", "listeners": [
          { "port": 443, "protocol": "HTTPS",
            "defaultAction": { "type": "forward", "targetGroup": "app" },
            "rules": [
              { "priority": 1, "conditions": { "pathPatterns": ["/private/*"] },
                "authenticate": { "type": "oidc", "issuer": "https://idp.example.net",
                  "authorizationEndpoint": "https://idp.example.net/authorize",
                  "tokenEndpoint": "https://idp.example.net/token",
                  "userInfoEndpoint": "https://idp.example.net/userinfo",
                  "clientId": "app", "clientSecret": { "env": "OIDC_SECRET" } },
                "action": { "type": "forward", "targetGroup": "app" } },
              { "priority": 2, "conditions": { "pathPatterns": ["/api/*"] },
                "authenticate": { "type": "cognito",
                  "userPoolArn": "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123",
                  "userPoolClientId": "abc", "userPoolDomain": "myapp", "onUnauthenticatedRequest": "deny" },
                "action": { "type": "forward", "targetGroup": "app" } } ] } ] }
      }
      """;

  private FakeApp app;
  private LocalAlb alb;
  private HttpClient client;

  @BeforeEach
  void start() throws Exception {
    app = new FakeApp("app");
    SpecResult parsed = SpecReader.parse(SPEC);
    assertThat(parsed.errors()).isEmpty();
    LocalTargets.Result local = LocalTargets.apply(parsed.spec(), List.of("app=" + app.url()));
    ServeConfig config =
        TestConfig.of(local.spec(), 443)
            .tls(ServerCertificate.selfSigned(List.of("example.com")))
            .accessLog(new AccessLogWriter(new StringWriter(), false, "auth-alb", "eu-west-1"))
            .build();
    alb = LocalAlb.bind(config, event -> {});
    client =
        HttpClient.newBuilder()
            .sslContext(TrustAnything.context())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @AfterEach
  void stop() {
    alb.close();
    app.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + alb.localPort(443) + path))
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void signedOut_isRedirectedToTheIdp_orRefused() throws Exception {
    HttpResponse<String> redirect = get("/private/page");
    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(redirect.headers().firstValue("Location").orElseThrow())
        .startsWith("https://idp.example.net/authorize?response_type=code&client_id=app")
        .contains("&scope=openid&state=");
    assertThat(redirect.body()).doesNotContain("app=app");

    HttpResponse<String> denied = get("/api/x");
    assertThat(denied.statusCode()).isEqualTo(401);
    assertThat(denied.body()).doesNotContain("app=app");

    HttpResponse<String> open = get("/public");
    assertThat(open.statusCode()).isEqualTo(200);
    assertThat(open.body()).contains("app=app");
  }
}
