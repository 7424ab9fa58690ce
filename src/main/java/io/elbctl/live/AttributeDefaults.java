package io.elbctl.live;

import java.util.Map;
import java.util.Set;

/**
 * AWS's default value of each load balancer and target group attribute, so that {@code import}
 * warns only about attributes someone changed; the attributes the spec expresses are listed apart.
 */
final class AttributeDefaults {
  private AttributeDefaults() {}

  /** Marks an attribute that means nothing on an Application Load Balancer. */
  private static final String ANY = "(any)";

  /** Load balancer attributes the spec expresses (loadBalancer.*). */
  static final Set<String> LOAD_BALANCER_IN_SPEC =
      Set.of(
          "idle_timeout.timeout_seconds",
          "routing.http.desync_mitigation_mode",
          "routing.http.drop_invalid_header_fields.enabled");

  static final Map<String, String> LOAD_BALANCER =
      Map.ofEntries(
          Map.entry("deletion_protection.enabled", "false"),
          Map.entry("access_logs.s3.enabled", "false"),
          Map.entry("connection_logs.s3.enabled", "false"),
          Map.entry("health_check_logs.s3.enabled", "false"),
          Map.entry("routing.http2.enabled", "true"),
          Map.entry("routing.http.preserve_host_header.enabled", "false"),
          Map.entry("routing.http.x_amzn_tls_version_and_cipher_suite.enabled", "false"),
          Map.entry("routing.http.xff_client_port.enabled", "false"),
          Map.entry("routing.http.xff_header_processing.mode", "append"),
          Map.entry("waf.fail_open.enabled", "false"),
          Map.entry("client_keep_alive.seconds", "3600"),
          Map.entry("zonal_shift.config.enabled", "false"),
          // Network load balancers only: an ALB always balances across zones whatever it says
          // (moto says false).
          Map.entry("load_balancing.cross_zone.enabled", ANY));

  /** Target group attributes the spec expresses (targetGroups[].*). */
  static final Set<String> TARGET_GROUP_IN_SPEC =
      Set.of(
          "deregistration_delay.timeout_seconds",
          "stickiness.enabled",
          "stickiness.type",
          "stickiness.lb_cookie.duration_seconds",
          "stickiness.app_cookie.cookie_name",
          "stickiness.app_cookie.duration_seconds",
          "load_balancing.algorithm.type",
          "load_balancing.algorithm.anomaly_mitigation",
          "slow_start.duration_seconds");

  static final Map<String, String> TARGET_GROUP =
      Map.ofEntries(
          Map.entry("load_balancing.cross_zone.enabled", "use_load_balancer_configuration"),
          Map.entry("target_group_health.dns_failover.minimum_healthy_targets.count", "1"),
          Map.entry("target_group_health.dns_failover.minimum_healthy_targets.percentage", "off"),
          Map.entry(
              "target_group_health.unhealthy_state_routing.minimum_healthy_targets.count", "1"),
          Map.entry(
              "target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage",
              "off"),
          Map.entry("lambda.multi_value_headers.enabled", "false"));

  /**
   * True when {@code value} is AWS's default for {@code key}; an empty value (a log bucket or a
   * cookie name left unset) is always a default, and so is "false" for an attribute elbctl does not
   * know (a feature left off; moto lists such flags on target groups).
   */
  static boolean isDefault(Map<String, String> defaults, String key, String value) {
    String known = defaults.get(key);
    return value == null
        || value.isEmpty()
        || ANY.equals(known)
        || value.equals(known)
        || (known == null && value.equals("false"));
  }
}
