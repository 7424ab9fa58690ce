package io.elbctl.sim;

import java.time.Duration;

/** A target moving from one health state to another, at a time since the model started. */
public record StateChange(
    Duration at,
    String group,
    TargetRef target,
    TargetState from,
    TargetState to,
    String reason,
    String description) {}
