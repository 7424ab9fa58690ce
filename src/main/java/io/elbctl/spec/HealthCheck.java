package io.elbctl.spec;

/** Health check settings of a target group, with the AWS defaults filled in. */
public record HealthCheck(
    @Doc("Path requested by the health checker (default \"/\").") String path,
    @Doc("Success codes within 200-499: \"200\", \"200,202\" or \"200-399\" (default \"200\").")
        String matcher,
    @Doc("Seconds between checks, 5-300 (default 30).") Integer intervalSeconds,
    @Doc("Seconds before a check times out, 2-120 and less than the interval (default 5).")
        Integer timeoutSeconds,
    @Doc("Consecutive successes before an unhealthy target is healthy, 2-10 (default 5).")
        Integer healthyThreshold,
    @Doc("Consecutive failures before a target is unhealthy, 2-10 (default 2).")
        Integer unhealthyThreshold,
    @Doc("\"traffic-port\" (default) or a port number as a string.") String port,
    @Doc("HTTP or HTTPS; defaults to the target group's protocol.") String protocol) {

  public static final String TRAFFIC_PORT = "traffic-port";

  public HealthCheck {
    path = path == null ? "/" : path;
    matcher = matcher == null ? "200" : matcher;
    intervalSeconds = intervalSeconds == null ? 30 : intervalSeconds;
    timeoutSeconds = timeoutSeconds == null ? 5 : timeoutSeconds;
    healthyThreshold = healthyThreshold == null ? 5 : healthyThreshold;
    unhealthyThreshold = unhealthyThreshold == null ? 2 : unhealthyThreshold;
    port = port == null ? TRAFFIC_PORT : port;
  }
}
