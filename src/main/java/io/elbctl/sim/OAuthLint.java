package io.elbctl.sim;

import io.elbctl.spec.ForwardAction;
import io.elbctl.spec.Listener;
import io.elbctl.spec.Problem;
import io.elbctl.spec.Spec;
import io.elbctl.spec.WeightedTargetGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * OAuth2 login flows whose callback can reach another place than the authorization request, losing
 * its state.
 */
final class OAuthLint {
  private final Spec spec;
  private final Router router;
  private final List<Problem> problems = new ArrayList<>();

  private OAuthLint(Spec spec, Router router) {
    this.spec = spec;
    this.router = router;
  }

  static List<Problem> check(Spec spec, Router router) {
    OAuthLint lint = new OAuthLint(spec, router);
    lint.oauth();
    return lint.problems;
  }

  private void warn(String path, String message) {
    problems.add(Problem.warning(path, message));
  }

  private void oauth() {
    CompiledListener listener = router.defaultListener();
    Decision authorize;
    Decision callback;
    try {
      authorize =
          router.route(
              Request.get("/oauth2/authorization/google").withPort(listener.port()),
              HealthView.ALL_HEALTHY);
      callback =
          router.route(
              Request.get("/login/oauth2/code/google").withPort(listener.port()),
              HealthView.ALL_HEALTHY);
    } catch (IllegalArgumentException e) {
      return;
    }
    if (authorize.priority() == null && callback.priority() == null) {
      return;
    }
    String base =
        "loadBalancer.listeners["
            + spec.loadBalancer().listeners().indexOf(listenerSpec(listener))
            + "]";
    if (!authorize.destination().equals(callback.destination())) {
      warn(
          base,
          "the OAuth2 authorization request (/oauth2/authorization/google → "
              + authorize.destination()
              + ") and its callback (/login/oauth2/code/google → "
              + callback.destination()
              + ") reach different places, so the callback cannot find the OAuth2 state");
      return;
    }
    if (!(callback.action() instanceof ForwardAction forward)) {
      return;
    }
    List<WeightedTargetGroup> live = forward.groups().stream().filter(g -> g.weight() > 0).toList();
    if (live.size() > 1 && forward.stickinessSeconds() == null) {
      warn(
          base,
          "the OAuth2 paths are split by weight over "
              + live.size()
              + " target groups without"
              + " group stickiness (stickinessSeconds), so the callback may reach another group"
              + " and lose the OAuth2 state");
    }
    for (WeightedTargetGroup weighted : live) {
      spec.targetGroup(weighted.name())
          .filter(g -> g.targets().size() > 1 && g.stickinessSeconds() == null)
          .ifPresent(
              g ->
                  warn(
                      "targetGroups[" + spec.targetGroups().indexOf(g) + "]",
                      "the OAuth2 paths go to target group "
                          + g.name()
                          + ", which has "
                          + g.targets().size()
                          + " targets and no stickiness: the callback may"
                          + " reach another target than the authorization request and lose the"
                          + " OAuth2 state; set stickinessSeconds or share sessions"));
    }
  }

  private Listener listenerSpec(CompiledListener listener) {
    return spec.loadBalancer().listeners().stream()
        .filter(l -> l.port() == listener.port())
        .findFirst()
        .orElseThrow();
  }
}
