package io.elbctl.sim;

import io.elbctl.spec.HealthCheck;
import io.elbctl.spec.TargetGroup;
import java.time.Duration;

/** A target group's health-check settings, with AWS defaults applied and the matcher parsed. */
public record HealthSettings(
    String protocol,
    String path,
    String port,
    Duration interval,
    Duration timeout,
    int healthyThreshold,
    int unhealthyThreshold,
    StatusMatcher matcher) {

  public static HealthSettings of(TargetGroup group) {
    HealthCheck check = group.healthCheck();
    return new HealthSettings(
        check.protocol() != null ? check.protocol() : group.protocol(),
        check.path(),
        check.port(),
        Duration.ofSeconds(check.intervalSeconds()),
        Duration.ofSeconds(check.timeoutSeconds()),
        check.healthyThreshold(),
        check.unhealthyThreshold(),
        StatusMatcher.parse(check.matcher()));
  }

  /** The port the checker connects to: the target's traffic port or the configured one. */
  public int portFor(TargetRef target) {
    return HealthCheck.TRAFFIC_PORT.equals(port) ? target.port() : Integer.parseInt(port);
  }
}
