package io.elbctl.spec;

import java.util.List;

/** Forwards to one target group, or splits traffic by weight over up to five. */
public record ForwardAction(
    @Required @Doc("\"forward\".") String type,
    @Doc("The one target group to forward to.") String targetGroup,
    @Doc("Weighted target groups (0-999 each, at most 5).") List<WeightedTargetGroup> targetGroups,
    @Doc("Keeps a client on the group it first reached for this many seconds (1-604800).")
        Integer stickinessSeconds)
    implements Action {
  public ForwardAction {
    targetGroups = targetGroups == null ? List.of() : List.copyOf(targetGroups);
  }

  /** The groups this action forwards to; a single {@code targetGroup} has weight 1. */
  public List<WeightedTargetGroup> groups() {
    if (targetGroup != null) {
      return List.of(new WeightedTargetGroup(targetGroup, 1));
    }
    return targetGroups;
  }

  /** True when the action was written as a weighted list rather than one group. */
  public boolean weighted() {
    return targetGroup == null;
  }
}
