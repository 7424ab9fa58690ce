package io.elbctl.spec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A target group: where forwarded requests go, and how its targets are health-checked. */
public record TargetGroup(
    @Required @Doc("Target group name (at most 32 characters: letters, digits, hyphens).")
        String name,
    @Doc("Protocol to the targets: HTTP (default) or HTTPS.") String protocol,
    @Required @Doc("Port the targets receive traffic on.") Integer port,
    @Doc("instance (default) or ip.") String targetType,
    @Doc("Health check settings; AWS defaults apply to whatever is left out.")
        HealthCheck healthCheck,
    @Doc("Seconds a deregistered target keeps draining (0-3600, default 300).")
        Integer deregistrationDelaySeconds,
    @Doc("Enables load-balancer cookie stickiness for this many seconds (1-604800).")
        Integer stickinessSeconds,
    @Doc("Targets to register: instance ids or IP addresses, with an optional port.")
        List<Target> targets) {

  public static final int DEFAULT_DEREGISTRATION_DELAY = 300;

  public TargetGroup {
    protocol = protocol == null ? "HTTP" : protocol;
    targetType = targetType == null ? "instance" : targetType;
    healthCheck =
        healthCheck == null
            ? new HealthCheck(null, null, null, null, null, null, null, null)
            : healthCheck;
    deregistrationDelaySeconds =
        deregistrationDelaySeconds == null
            ? DEFAULT_DEREGISTRATION_DELAY
            : deregistrationDelaySeconds;
    targets = targets == null ? List.of() : List.copyOf(targets);
  }

  /** The port a target receives traffic on: its own, else the group's. */
  public int portOf(Target target) {
    return target.port() != null ? target.port() : port;
  }

  /** The targets with each port resolved, without duplicates. */
  public List<Target> resolvedTargets() {
    Set<Target> resolved = new LinkedHashSet<>();
    for (Target target : targets) {
      resolved.add(new Target(target.id(), portOf(target)));
    }
    return List.copyOf(resolved);
  }
}
