package io.elbctl.sim;

import io.elbctl.live.ImportWarning;
import io.elbctl.live.LiveAlb;
import io.elbctl.live.LiveAlb.LiveTargetGroup;
import io.elbctl.live.LiveAlb.TargetHealthState;
import io.elbctl.live.SpecImporter;
import io.elbctl.spec.Spec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A live load balancer as the simulator sees it: its rules imported to an in-memory spec, compiled
 * by the same {@link Router} as a spec file, with each target in the state DescribeTargetHealth
 * gave; and where two decisions about one request differ.
 */
public record LiveRouting(Spec spec, Router router, HealthModel health, List<ImportWarning> left) {
  public LiveRouting {
    left = List.copyOf(left);
  }

  /** The live rules and health; {@code left} lists what the spec could not carry over. */
  public static LiveRouting of(LiveAlb live, Semantics semantics) throws RuleCompilationException {
    SpecImporter.Imported imported = SpecImporter.forRouting(live);
    Spec spec = imported.spec();
    Router router = Router.compile(spec, semantics);
    return new LiveRouting(spec, router, health(spec, live, semantics), imported.warnings());
  }

  /**
   * The spec's targets, each in its live state where the live group has it; targets the live group
   * does not have stay healthy, the simulator's assumption.
   */
  public static HealthModel health(Spec spec, LiveAlb live, Semantics semantics) {
    HealthModel model = HealthModel.healthy(spec, semantics);
    for (LiveTargetGroup group : live.targetGroups()) {
      String name = group.group().name();
      if (spec.targetGroup(name).isEmpty()) {
        continue;
      }
      for (TargetHealthState target : group.health()) {
        TargetRef ref = new TargetRef(target.target().id(), target.target().port());
        if (model.targets(name).contains(ref)) {
          model.set(name, ref, state(target.state()), Duration.ZERO);
        }
      }
    }
    return model;
  }

  /** AWS's "unavailable" (health checks disabled or failing to run) routes as unhealthy. */
  private static TargetState state(String live) {
    for (TargetState state : TargetState.values()) {
      if (state.name().equals(live)) {
        return state;
      }
    }
    return TargetState.unhealthy;
  }

  /** Where the live hops and the spec's hops for one request differ, one line each. */
  public static List<String> differences(List<Decision> live, List<Decision> spec) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < Math.max(live.size(), spec.size()); i++) {
      String hop = live.size() > 1 || spec.size() > 1 ? "hop " + (i + 1) + " " : "";
      if (i >= live.size() || i >= spec.size()) {
        lines.add(
            hop + "only the " + (i >= live.size() ? "spec" : "live load balancer") + " goes on");
        continue;
      }
      Decision l = live.get(i);
      Decision s = spec.get(i);
      compare(lines, hop + "listener", l.listenerPort(), s.listenerPort());
      compare(lines, hop + "matched", l.ruleName(), s.ruleName());
      compare(lines, hop + "outcome", l.destination(), s.destination());
      compare(lines, hop + "fail-open", l.failOpen(), s.failOpen());
    }
    return lines;
  }

  private static void compare(List<String> lines, String what, Object live, Object spec) {
    if (!Objects.equals(live, spec)) {
      lines.add(what + ": live " + live + ", spec " + spec);
    }
  }
}
