package io.elbctl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.spec.Problem;
import io.elbctl.spec.Spec;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinterTest {
  private static List<String> lint(Spec spec) {
    return Linter.lint(spec, Semantics.DEFAULT).stream().map(Problem::describe).toList();
  }

  private static String rule(int priority, String conditions, String group) {
    return "{\"priority\":"
        + priority
        + ",\"conditions\":"
        + conditions
        + ",\"action\":{\"type\":\"forward\",\"targetGroup\":\""
        + group
        + "\"}}";
  }

  @Test
  void shadowedRuleIsReportedWithAWitness() {
    Spec spec =
        SimSpecs.withRules(
            "["
                + rule(5, "{\"pathPatterns\":[\"/api/*\"]}", "b")
                + ","
                + rule(10, "{\"pathPatterns\":[\"/api/v1/*\"],\"methods\":[\"POST\"]}", "a")
                + "]");
    assertThat(lint(spec))
        .contains(
            "loadBalancer.listeners[0].rules[1]: rule 10 is unreachable: rule 5 matches every request"
                + " it matches and is evaluated first (e.g. POST /api/v1/x → rule 5)");
  }

  @Test
  void narrowerEarlierRuleDoesNotShadow() {
    Spec spec =
        SimSpecs.withRules(
            "["
                + rule(5, "{\"pathPatterns\":[\"/api/*\"],\"methods\":[\"POST\"]}", "b")
                + ","
                + rule(10, "{\"pathPatterns\":[\"/api/*\"]}", "a")
                + "]");
    assertThat(lint(spec)).noneMatch(m -> m.contains("unreachable"));
  }

  @Test
  void deadAndRedundantValues() {
    Spec spec =
        SimSpecs.withRules(
            "["
                + rule(5, "{\"pathPatterns\":[\"/api/*\"]}", "b")
                + ","
                + rule(10, "{\"pathPatterns\":[\"/api/x\",\"/web/*\",\"/web/a/*\"]}", "a")
                + "]");
    assertThat(lint(spec))
        .contains(
            "loadBalancer.listeners[0].rules[1].conditions.pathPatterns[0]: value /api/x of rule 10"
                + " never applies: rule 5 takes those requests first (e.g. GET /api/x → rule 5)",
            "loadBalancer.listeners[0].rules[1].conditions.pathPatterns: value /web/a/* of rule 10"
                + " is redundant: /web/* already matches everything it matches");
  }

  @Test
  void healthPitfallsOfTheExample() {
    assertThat(lint(SimSpecs.example("oauth2-split.json")))
        .anyMatch(
            m ->
                m.startsWith(
                    "targetGroups[0].healthCheck.path: target group client checks GET / on the frontend"))
        .anyMatch(
            m ->
                m.startsWith(
                    "targetGroups[0].healthCheck.matcher: target group client accepts redirects (matcher 200-399)"))
        .anyMatch(
            m ->
                m.startsWith(
                    "targetGroups[1].healthCheck.path: target group backend checks /actuator/health: Spring Security"))
        .noneMatch(m -> m.contains("OAuth2"));
  }

  @Test
  void oauthStateLossWhenTheBackendHasSeveralTargetsAndNoStickiness() {
    Spec spec =
        SimSpecs.withRules(
            "["
                + rule(
                    10,
                    "{\"pathPatterns\":[\"/oauth2/authorization/*\",\"/login/oauth2/code/*\"]}",
                    "b")
                + "]");
    assertThat(lint(spec))
        .anyMatch(
            m ->
                m.startsWith(
                    "targetGroups[1]: the OAuth2 paths go to target group b, which has 2 targets and no stickiness"));
  }

  @Test
  void oauthCallbackOnAnotherGroupThanTheAuthorization() {
    Spec spec =
        SimSpecs.withRules(
            "[" + rule(10, "{\"pathPatterns\":[\"/oauth2/authorization/*\"]}", "c") + "]");
    assertThat(lint(spec))
        .anyMatch(
            m ->
                m.contains("reach different places, so the callback cannot find the OAuth2 state"));
  }
}
