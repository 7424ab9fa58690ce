package io.elbctl.steps;

import io.elbctl.plan.Change;
import io.elbctl.plan.StepKind;
import java.util.List;

/** One of the six provisioning steps: applies the planned changes of its kind, in order. */
public interface Step {
  StepKind kind();

  void apply(List<Change> changes, StepContext context);

  /** The six steps in the order they run. */
  static List<Step> all() {
    return List.of(
        new DomainStep(),
        new CertificateStep(),
        new TargetGroupsStep(),
        new LoadBalancerStep(),
        new RulesStep(),
        new DnsStep());
  }
}
