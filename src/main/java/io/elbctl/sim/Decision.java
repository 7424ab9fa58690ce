package io.elbctl.sim;

import io.elbctl.spec.Action;
import io.elbctl.spec.FixedResponseAction;
import io.elbctl.spec.ForwardAction;
import io.elbctl.spec.RedirectAction;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the ALB does with one request: the listener, the rule that matched (null priority for the
 * default action), the action, and its outcome: the ALB's own status code and Location, or the
 * target groups and targets the request may reach.
 *
 * @param request the request with the listener's scheme, port and the default host filled in
 * @param statusCode what the ALB itself answers (redirect, fixed response, 503 for a group without
 *     targets), or null when the request is forwarded to a target
 * @param targets the targets the request may reach, over all groups it may be forwarded to
 * @param failOpen true when a group has registered targets but none healthy, so the ALB routes to
 *     all of them
 * @param authentication what the rule's authenticate action did, or null when it has none; when it
 *     answers itself (302 to the IdP, 401), {@code statusCode} and {@code location} are its
 * @param rewritten what the rule's transforms made of a forwarded request, or null when the rule
 *     has none (the target then receives {@code request} as it is)
 */
public record Decision(
    int listenerPort,
    String listenerProtocol,
    Request request,
    Integer priority,
    Action action,
    List<TraceEntry> trace,
    Integer statusCode,
    String location,
    List<GroupRoute> groups,
    List<TargetRoute> targets,
    boolean failOpen,
    RuleTransforms.Rewritten rewritten,
    Authentication authentication) {

  public Decision {
    trace = List.copyOf(trace);
    groups = List.copyOf(groups);
    targets = List.copyOf(targets);
  }

  /** A target that may receive the request, with its health state. */
  public record TargetRoute(String group, TargetRef target, TargetState state) {}

  /**
   * One target group a forward may choose: its weight and share of traffic, the targets it routes
   * to, and whether it answers 503 (no registered targets) or fails open.
   */
  public record GroupRoute(
      String name,
      int weight,
      double share,
      List<TargetRoute> targets,
      boolean failOpen,
      boolean noRegisteredTargets) {
    public GroupRoute {
      targets = List.copyOf(targets);
    }
  }

  /** {@code forward}, {@code redirect} or {@code fixed-response}. */
  public String actionType() {
    return action.type();
  }

  public boolean isDefault() {
    return priority == null;
  }

  /** The single target group of a non-weighted forward, else null. */
  public String targetGroup() {
    if (action instanceof ForwardAction forward && !forward.weighted()) {
      return forward.targetGroup();
    }
    return null;
  }

  /** A one-line description of where the request ends up, used to compare two specs. */
  public String destination() {
    if (action instanceof ForwardAction) {
      String names =
          groups.stream()
              .map(g -> groups.size() == 1 ? g.name() : g.name() + "=" + g.weight())
              .collect(Collectors.joining(","));
      return "forward " + names + (statusCode != null ? " (" + statusCode + ")" : "");
    } else if (action instanceof RedirectAction) {
      return "redirect " + statusCode + " " + location;
    } else if (action instanceof FixedResponseAction fixed) {
      return "fixed-response " + fixed.statusCode();
    }
    throw new AssertionError(action);
  }

  /** {@code rule 20} or {@code default action}. */
  public String ruleName() {
    return priority == null ? "default action" : "rule " + priority;
  }
}
