package io.elbctl.plan;

import io.elbctl.spec.Action;
import io.elbctl.spec.ForwardAction;
import io.elbctl.spec.WeightedTargetGroup;
import java.util.List;

/** The one normal form in which the planner and the spec hash compare actions. */
final class Canonical {
  private Canonical() {}

  /** A forward to one group of weight 1 is written as a single target group. */
  static Action action(Action action) {
    if (action instanceof ForwardAction forward) {
      List<WeightedTargetGroup> groups = forward.groups();
      if (groups.size() == 1 && groups.get(0).weight() == 1) {
        return new ForwardAction(
            "forward", groups.get(0).name(), null, forward.stickinessSeconds());
      }
      return new ForwardAction("forward", null, groups, forward.stickinessSeconds());
    }
    return action;
  }

  /** An authenticate action without its client secret, which AWS never returns. */
  static io.elbctl.spec.Authenticate authenticate(io.elbctl.spec.Authenticate a) {
    if (a == null) {
      return null;
    }
    return new io.elbctl.spec.Authenticate(
        a.type(),
        a.issuer(),
        a.authorizationEndpoint(),
        a.tokenEndpoint(),
        a.userInfoEndpoint(),
        a.clientId(),
        null,
        a.userPoolArn(),
        a.userPoolClientId(),
        a.userPoolDomain(),
        a.onUnauthenticatedRequest(),
        a.scope(),
        a.sessionCookieName(),
        a.sessionTimeoutSeconds());
  }
}
