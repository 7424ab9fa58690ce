package io.elbctl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.spec.SpecReader;
import io.elbctl.spec.SpecResult;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spring-style OAuth2 login through serve with two backend instances that keep the authorization
 * request in their own HTTP session: the authorization redirect and the callback must reach the
 * same instance. With round robin and no stickiness every callback lands on the other instance and
 * fails with authorization_request_not_found; the AWSALB cookie (lb_cookie) and the AWSALBAPP
 * cookie (app_cookie on JSESSIONID) keep the session, with a browser-like cookie jar.
 */
class StickyServeTest extends TwoBackends {
  static final String SPEC =
      """
      {
        "apiVersion": "elbctl/v1", "name": "sticky", "region": "eu-west-1",
        "domain": { "hostedZone": "example.com", "records": ["example.com"] },
        "targetGroups": [
          { "name": "backend", "port": 8080 %s, "targets": [ { "id": "i-0123456789abcdef0" } ] }
        ],
        "loadBalancer": { "name": "sticky-alb", "listeners": [
          { "port": 80, "protocol": "HTTP",
            "defaultAction": { "type": "forward", "targetGroup": "backend" } } ] }
      }
      """;

  /** Serves {@link #SPEC} with the group's extra attributes, both backends its targets. */
  static LocalAlb serve(String attributes, String... targets) {
    return serve(attributes, null, targets);
  }

  /** As {@link #serve(String, String...)}, with health checks every {@code healthInterval}. */
  static LocalAlb serve(String attributes, Duration healthInterval, String... targets) {
    SpecResult parsed = SpecReader.parse(SPEC.formatted(attributes));
    assertThat(parsed.errors()).isEmpty();
    LocalTargets.Result local = LocalTargets.apply(parsed.spec(), List.of(targets));
    ServeConfig config =
        TestConfig.of(local.spec(), 80)
            .healthInterval(healthInterval)
            .targetTimeout(Duration.ofSeconds(10))
            .grace(Duration.ofSeconds(1))
            .build();
    // Without health checks both targets stay initial and are routed to, as a group that fails
    // open.
    return healthInterval == null
        ? LocalAlb.bind(config, event -> {})
        : LocalAlb.start(config, event -> {});
  }

  /** One login as a browser does it: its own cookie jar, the redirect, then the callback. */
  List<String> login(String base) throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpResponse<String> redirect = send(browser, base + "/oauth2/authorization/idp");
    assertThat(redirect.statusCode()).isEqualTo(302);
    String location = redirect.headers().firstValue("Location").orElseThrow();
    String state = location.substring(location.indexOf("state=") + 6);
    HttpResponse<String> callback =
        send(browser, base + "/login/oauth2/code/idp?code=c&state=" + state);
    return List.of(String.valueOf(callback.statusCode()), callback.body());
  }

  static HttpResponse<String> send(HttpClient client, String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String base() {
    return "http://127.0.0.1:" + alb.localPort(80);
  }

  @Test
  void withoutStickiness_theCallbackReachesTheOtherInstance_andLosesTheAuthorizationRequest()
      throws Exception {
    alb = serve("", "backend=" + one.url(), "backend=" + two.url());

    for (int i = 0; i < 4; i++) {
      assertThat(login(base())).containsExactly("400", "authorization_request_not_found");
    }
  }

  @Test
  void lbCookieStickiness_keepsEachLoginOnOneInstance() throws Exception {
    alb = serve(", \"stickinessSeconds\": 3600", "backend=" + one.url(), "backend=" + two.url());

    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      List<String> result = login(base());
      assertThat(result.get(0)).as("callback of login %d: %s", i, result).isEqualTo("200");
      bodies.add(result.get(1));
    }
    // Each new browser starts without a cookie, so round robin still spreads logins.
    assertThat(bodies).contains("logged in on one", "logged in on two");
    assertThat(one.handled).containsOnly("authorize", "callback");
    assertThat(one.handled.stream().filter("callback"::equals).count()).isEqualTo(3);
  }

  @Test
  void lbCookieStickiness_setsAwsalbAndItsCorsTwinOnTheTargetsAnswer() throws Exception {
    alb = serve(", \"stickinessSeconds\": 120", "backend=" + one.url(), "backend=" + two.url());
    HttpClient plain = HttpClient.newHttpClient();

    HttpResponse<String> first = send(plain, base() + "/who");
    List<String> cookies = first.headers().allValues("Set-Cookie");
    assertThat(cookies).hasSize(2);
    assertThat(cookies.get(0)).startsWith("AWSALB=").contains("; Expires=").endsWith("; Path=/");
    assertThat(cookies.get(1))
        .startsWith("AWSALBCORS=")
        .endsWith("; Path=/; SameSite=None; Secure");
    String value = cookies.get(0).substring(7, cookies.get(0).indexOf(';'));
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> again =
          plain.send(
              HttpRequest.newBuilder(URI.create(base() + "/who"))
                  .header("Cookie", "AWSALB=" + value)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(again.body()).isEqualTo(first.body());
    }
  }

  @Test
  void appCookieStickiness_issuesAwsalbappWithTheSessionCookie_andKeepsEachLoginOnOneInstance()
      throws Exception {
    alb =
        serve(
            ", \"stickinessType\": \"app_cookie\", \"stickinessCookieName\": \"JSESSIONID\"",
            "backend=" + one.url(),
            "backend=" + two.url());
    HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> authorize = send(plain, base() + "/oauth2/authorization/idp");
    assertThat(authorize.headers().allValues("Set-Cookie"))
        .anyMatch(c -> c.startsWith("JSESSIONID="))
        .anyMatch(c -> c.startsWith("AWSALBAPP="));
    assertThat(send(plain, base() + "/who").headers().allValues("Set-Cookie"))
        .as("no AWSALBAPP when the target sets no JSESSIONID")
        .isEmpty();

    for (int i = 0; i < 4; i++) {
      assertThat(login(base()).get(0)).isEqualTo("200");
    }
  }
}
