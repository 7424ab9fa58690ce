package io.elbctl.sim;

/** What routing needs to know about health: the current state of each target of a group. */
@FunctionalInterface
public interface HealthView {
  /** Every target healthy: what the simulator assumes when told nothing about health. */
  HealthView ALL_HEALTHY = (group, target) -> TargetState.healthy;

  TargetState state(String group, TargetRef target);
}
