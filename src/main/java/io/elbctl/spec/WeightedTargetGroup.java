package io.elbctl.spec;

/** One target group of a weighted forward action. */
public record WeightedTargetGroup(
    @Required @Doc("Target group name.") String name,
    @Doc("Relative weight 0-999 (default 1); 0 never receives traffic.") Integer weight) {
  public WeightedTargetGroup {
    weight = weight == null ? 1 : weight;
  }
}
