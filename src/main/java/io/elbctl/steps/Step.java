package io.elbctl.steps;

import io.elbctl.plan.Change;
import io.elbctl.plan.StepKind;
import java.util.List;

/** One of the six provisioning steps: applies the planned changes of its kind, in order. */
public interface Step<C extends Change> {
  StepKind kind();

  /** The type of the changes this step makes; the only ones it is given. */
  Class<C> changes();

  void apply(List<C> changes, StepContext context);

  /** The six steps in the order they run. */
  static List<Step<?>> all() {
    return List.of(
        new DomainStep(),
        new CertificateStep(),
        new TargetGroupsStep(),
        new LoadBalancerStep(),
        new RulesStep(),
        new DnsStep());
  }
}
