package io.elbctl.sim;

import io.elbctl.spec.ForwardAction;
import io.elbctl.spec.Listener;
import io.elbctl.spec.Problem;
import io.elbctl.spec.Spec;
import io.elbctl.spec.TargetGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Health-check pitfalls of the target groups a listener uses: paths and matchers that pass or fail
 * for the wrong reason.
 */
final class HealthCheckLint {
  private HealthCheckLint() {}

  static List<Problem> check(Spec spec) {
    List<Problem> problems = new ArrayList<>();
    Set<String> used = spec.groupsInUse();
    Set<String> defaults = new HashSet<>();
    for (Listener listener : spec.loadBalancer().listeners()) {
      if (listener.defaultAction() instanceof ForwardAction forward) {
        forward.groups().forEach(g -> defaults.add(g.name()));
      }
    }
    List<TargetGroup> groups = spec.targetGroups();
    for (int g = 0; g < groups.size(); g++) {
      TargetGroup group = groups.get(g);
      if (!used.contains(group.name())) {
        continue;
      }
      String path = "targetGroups[" + g + "].healthCheck";
      HealthSettings settings;
      try {
        settings = HealthSettings.of(group);
      } catch (RuleCompilationException e) {
        continue;
      }
      StatusMatcher matcher = settings.matcher();
      boolean accepts3xx = matcher.acceptsAnyOf(300, 399);
      boolean acceptsAuth = matcher.acceptsAnyOf(401, 401) || matcher.acceptsAnyOf(403, 403);
      if (settings.path().equals("/") && defaults.contains(group.name())) {
        problems.add(
            Problem.warning(
                path + ".path",
                "target group "
                    + group.name()
                    + " checks GET / on the frontend, which often answers"
                    + " a redirect (login page, locale, trailing slash) rather than 200; give the app"
                    + " a dedicated health path such as /healthz"));
      }
      if (accepts3xx) {
        problems.add(
            Problem.warning(
                path + ".matcher",
                "target group "
                    + group.name()
                    + " accepts redirects (matcher "
                    + matcher
                    + "): a"
                    + " redirect to a login page or to HTTPS passes the check and hides a broken app;"
                    + " prefer \"200\""));
      }
      if (acceptsAuth) {
        problems.add(
            Problem.warning(
                path + ".matcher",
                "target group "
                    + group.name()
                    + " accepts 401/403 (matcher "
                    + matcher
                    + "): a"
                    + " health path behind authentication passes without proving the app works"));
      }
      if (settings.path().startsWith("/actuator/health") && !acceptsAuth) {
        problems.add(
            Problem.warning(
                path + ".path",
                "target group "
                    + group.name()
                    + " checks "
                    + settings.path()
                    + ": Spring Security"
                    + " answers 401 (or a 302 to the login page) unless that path is permitted without"
                    + " authentication; permitAll() it so the check reaches the app"));
      }
    }
    return problems;
  }
}
