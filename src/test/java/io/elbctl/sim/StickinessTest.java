package io.elbctl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.spec.Spec;
import io.elbctl.spec.SpecReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ALB's stickiness rules (sticky-sessions guide, TargetGroupStickinessConfig): a routable
 * target named by AWSALB (or its CORS twin) is kept and the cookie renewed for the configured
 * duration; an unhealthy or foreign one is replaced; app_cookie keeps AWSALBAPP's target and issues
 * it only when the target sets the application cookie; AWSALBTG keeps a weighted forward's group.
 */
class StickinessTest {
  static final Spec SPEC =
      SpecReader.parse(
              """
              {
                "apiVersion": "elbctl/v1", "name": "sticky", "region": "eu-west-1",
                "domain": { "hostedZone": "example.com", "records": ["example.com"] },
                "targetGroups": [
                  { "name": "lb", "port": 80, "targetType": "ip", "stickinessSeconds": 3600,
                    "targets": [ { "id": "10.0.0.1" }, { "id": "10.0.0.2" } ] },
                  { "name": "app", "port": 80, "targetType": "ip", "stickinessType": "app_cookie",
                    "stickinessCookieName": "JSESSIONID",
                    "targets": [ { "id": "10.0.0.3" }, { "id": "10.0.0.4" } ] },
                  { "name": "blue", "port": 80, "targetType": "ip", "targets": [ { "id": "10.0.1.1" } ] },
                  { "name": "green", "port": 80, "targetType": "ip", "targets": [ { "id": "10.0.2.1" } ] }
                ],
                "loadBalancer": { "name": "sticky", "listeners": [
                  { "port": 80, "protocol": "HTTP",
                    "defaultAction": { "type": "forward", "stickinessSeconds": 600, "targetGroups": [
                      { "name": "blue", "weight": 1 }, { "name": "green", "weight": 1 } ] },
                    "rules": [
                      { "priority": 1, "conditions": { "pathPatterns": ["/lb"] },
                        "action": { "type": "forward", "targetGroup": "lb" } },
                      { "priority": 2, "conditions": { "pathPatterns": ["/app"] },
                        "action": { "type": "forward", "targetGroup": "app" } } ] } ] }
              }
              """)
          .spec();

  static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");

  final Router router = Router.compile(SPEC, Semantics.DEFAULT);
  final HealthModel health = HealthModel.healthy(SPEC, Semantics.DEFAULT);
  final TargetPicker picker = new TargetPicker(SPEC);

  TargetPicker.Pick pick(String path, Map<String, String> cookies) {
    return picker.pick(router.route(Request.get(path), health), cookies, NOW);
  }

  @Test
  void lbCookie_keepsItsTarget_andIsRenewedWithItsCorsTwin() {
    String second = StickyCookies.targetValue("lb", new TargetRef("10.0.0.2", 80));
    for (int i = 0; i < 3; i++) {
      TargetPicker.Pick pick = pick("/lb", Map.of("AWSALB", second));
      assertThat(pick.target().target().id()).isEqualTo("10.0.0.2");
      assertThat(pick.how()).isEqualTo("kept by the AWSALB cookie");
      assertThat(pick.setCookies())
          .containsExactly(
              "AWSALB=" + second + "; Expires=Wed, 02 Dec 2026 04:00:00 GMT; Path=/",
              "AWSALBCORS="
                  + second
                  + "; Expires=Wed, 02 Dec 2026 04:00:00 GMT; Path=/; SameSite=None; Secure");
    }
    assertThat(pick("/lb", Map.of("AWSALBCORS", second)).target().target().id())
        .isEqualTo("10.0.0.2");
  }

  @Test
  void withoutACookie_theAlgorithmPicks_andTheCookieNamesThatTarget() {
    TargetPicker.Pick first = pick("/lb", Map.of());
    TargetPicker.Pick next = pick("/lb", Map.of());

    assertThat(first.target().target().id()).isEqualTo("10.0.0.1");
    assertThat(next.target().target().id()).isEqualTo("10.0.0.2");
    assertThat(first.how()).isEqualTo("round_robin: the next of 2 targets in turn");
    assertThat(first.setCookies().get(0))
        .startsWith("AWSALB=" + StickyCookies.targetValue("lb", new TargetRef("10.0.0.1", 80)));
  }

  @Test
  void aCookieForAnUnhealthyTarget_orAnotherGroup_orUnreadable_isReplaced() {
    TargetRef second = new TargetRef("10.0.0.2", 80);
    health.set("lb", second, TargetState.unhealthy, Duration.ZERO);
    TargetPicker.Pick moved =
        pick("/lb", Map.of("AWSALB", StickyCookies.targetValue("lb", second)));
    assertThat(moved.target().target().id()).isEqualTo("10.0.0.1");
    assertThat(moved.setCookies().get(0))
        .startsWith("AWSALB=" + StickyCookies.targetValue("lb", new TargetRef("10.0.0.1", 80)));

    String foreign = StickyCookies.targetValue("app", new TargetRef("10.0.0.2", 80));
    assertThat(pick("/lb", Map.of("AWSALB", foreign)).how()).startsWith("round_robin");
    assertThat(pick("/lb", Map.of("AWSALB", "an ALB's encrypted value")).how())
        .startsWith("round_robin");
  }

  @Test
  void appCookie_keepsAwsalbappsTarget_andIssuesItOnlyAfterTheApplicationCookie() {
    TargetPicker.Pick fresh = pick("/app", Map.of());
    assertThat(fresh.setCookies()).isEmpty();
    assertThat(fresh.appCookie()).isEqualTo("JSESSIONID");
    String issued = fresh.appStickinessCookie(NOW);
    String value = StickyCookies.targetValue("app", fresh.target().target());
    assertThat(issued)
        .isEqualTo("AWSALBAPP=" + value + "; Expires=Thu, 03 Dec 2026 03:00:00 GMT; Path=/");

    for (int i = 0; i < 3; i++) {
      TargetPicker.Pick kept = pick("/app", Map.of("AWSALBAPP", value, "JSESSIONID", "abc"));
      assertThat(kept.target().target()).isEqualTo(fresh.target().target());
      assertThat(kept.how()).isEqualTo("kept by the AWSALBAPP cookie");
    }
    // AWSALB does not make an app_cookie group sticky.
    assertThat(pick("/app", Map.of("AWSALB", value)).how()).startsWith("round_robin");
  }

  @Test
  void groupStickiness_keepsTheWeightedForwardsGroup_andSetsAwsalbtg() {
    String green = StickyCookies.groupValue("green");
    for (int i = 0; i < 4; i++) {
      TargetPicker.Pick pick = pick("/", Map.of("AWSALBTG", green));
      assertThat(pick.group().name()).isEqualTo("green");
      assertThat(pick.how()).startsWith("group green kept by the AWSALBTG cookie; ");
      assertThat(pick.setCookies())
          .containsExactly(
              "AWSALBTG=" + green + "; Expires=Wed, 02 Dec 2026 03:10:00 GMT; Path=/",
              "AWSALBTGCORS="
                  + green
                  + "; Expires=Wed, 02 Dec 2026 03:10:00 GMT; Path=/; SameSite=None; Secure");
    }
    assertThat(pick("/", Map.of()).group().name()).isEqualTo("blue");
    assertThat(pick("/", Map.of()).group().name()).isEqualTo("green");
  }

  @Test
  void cookieHeaders_areParsed_firstOccurrenceWinning() {
    assertThat(
            StickyCookies.fromHeaders(
                java.util.List.of(
                    new Request.Header("Cookie", "a=1; AWSALB=x=y"),
                    new Request.Header("cookie", "a=2; b=3"))))
        .containsExactly(Map.entry("a", "1"), Map.entry("AWSALB", "x=y"), Map.entry("b", "3"));
  }
}
