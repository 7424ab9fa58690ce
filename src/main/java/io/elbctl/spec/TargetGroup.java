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
    @Doc(
            "Enables stickiness for this many seconds (1-604800; default 86400 when only"
                + " stickinessType is given).")
        Integer stickinessSeconds,
    @Doc(
            "lb_cookie (default when stickinessSeconds is set: the ALB's AWSALB cookie) or"
                + " app_cookie (AWSALBAPP, issued when the target sets stickinessCookieName).")
        String stickinessType,
    @Doc(
            "The application's own cookie for app_cookie stickiness (1-256 token characters, not"
                + " starting with AWSALB, AWSALBAPP or AWSALBTG).")
        String stickinessCookieName,
    @Doc(
            "How a target is chosen: round_robin (default), least_outstanding_requests or"
                + " weighted_random (provisioned with anomaly mitigation off).")
        String algorithm,
    @Doc(
            "Seconds a newly healthy target ramps up its share of requests: 0 (default, off) or"
                + " 30-900; not with least_outstanding_requests.")
        Integer slowStartSeconds,
    @Doc("Targets to register: instance ids or IP addresses, with an optional port.")
        List<Target> targets) {

  public static final int DEFAULT_DEREGISTRATION_DELAY = 300;

  /** The duration AWS gives a stickiness cookie when none is set. */
  public static final int DEFAULT_STICKINESS_SECONDS = 86_400;

  public static final String ROUND_ROBIN = "round_robin";
  public static final String LEAST_OUTSTANDING_REQUESTS = "least_outstanding_requests";
  public static final String WEIGHTED_RANDOM = "weighted_random";
  public static final List<String> ALGORITHMS =
      List.of(ROUND_ROBIN, LEAST_OUTSTANDING_REQUESTS, WEIGHTED_RANDOM);

  public static final String LB_COOKIE = "lb_cookie";
  public static final String APP_COOKIE = "app_cookie";

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
    if (stickinessSeconds != null || stickinessType != null) {
      stickinessType = stickinessType == null ? LB_COOKIE : stickinessType;
      stickinessSeconds =
          stickinessSeconds == null ? DEFAULT_STICKINESS_SECONDS : stickinessSeconds;
    }
    algorithm = algorithm == null ? ROUND_ROBIN : algorithm;
    slowStartSeconds = slowStartSeconds == null ? 0 : slowStartSeconds;
    targets = targets == null ? List.of() : List.copyOf(targets);
  }

  /** True when requests stick to a target by a cookie. */
  public boolean sticky() {
    return stickinessSeconds != null;
  }

  /** True when every attribute is AWS's default, so a new group needs no attribute call. */
  public boolean defaultAttributes() {
    return deregistrationDelaySeconds == DEFAULT_DEREGISTRATION_DELAY
        && !sticky()
        && defaultRouting();
  }

  /** True when the algorithm is round robin without slow start. */
  public boolean defaultRouting() {
    return ROUND_ROBIN.equals(algorithm) && slowStartSeconds == 0;
  }

  /** This group with other targets (and the protocol and health check they are reached by). */
  public TargetGroup withTargets(String protocol, HealthCheck check, List<Target> targets) {
    return new TargetGroup(
        name,
        protocol,
        port,
        targetType,
        check,
        deregistrationDelaySeconds,
        stickinessSeconds,
        stickinessType,
        stickinessCookieName,
        algorithm,
        slowStartSeconds,
        targets);
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
