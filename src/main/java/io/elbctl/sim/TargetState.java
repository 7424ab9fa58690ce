package io.elbctl.sim;

/** The ALB target health states ({@code DescribeTargetHealth} {@code State}). */
public enum TargetState {
  initial,
  healthy,
  unhealthy,
  unused,
  draining;

  /** True when the target is registered and not leaving: it counts for routing and fail-open. */
  public boolean registered() {
    return this == initial || this == healthy || this == unhealthy;
  }
}
