package io.elbctl.spec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks the target groups: names, targets, health checks and attributes. */
final class TargetGroupRules extends SpecRules {
  private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8}(?:[0-9a-f]{9})?");
  private static final Pattern MATCHER_CODE = Pattern.compile("\\d{3}");
  private static final Pattern COOKIE_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

  TargetGroupRules(Spec spec, List<Problem> problems) {
    super(spec, problems);
  }

  void targetGroups() {
    Map<String, Integer> names = new HashMap<>();
    Set<String> used = spec.groupsInUse();
    for (int g = 0; g < spec.targetGroups().size(); g++) {
      TargetGroup group = spec.targetGroups().get(g);
      String path = "targetGroups[" + g + "]";
      if (group.name() != null) {
        resourceName(path + ".name", group.name());
        Integer previous = names.putIfAbsent(group.name().toLowerCase(Locale.ROOT), g);
        if (previous != null) {
          error(path + ".name", "duplicate target group name \"" + group.name() + "\"");
        } else if (spec.loadBalancer() != null && !used.contains(group.name())) {
          warning(
              path,
              "target group \""
                  + group.name()
                  + "\" is not used by any listener; its targets"
                  + " stay unused (Target.NotInUse)");
        }
      }
      oneOf(path + ".protocol", group.protocol(), "HTTP", "HTTPS");
      if (group.port() != null) {
        port(path + ".port", group.port());
      }
      oneOf(path + ".targetType", group.targetType(), "instance", "ip");
      healthCheck(path + ".healthCheck", group.healthCheck());
      range(path + ".deregistrationDelaySeconds", group.deregistrationDelaySeconds(), 0, 3600);
      stickiness(path, group);
      routing(path, group);
      targets(path, group);
    }
  }

  private void stickiness(String path, TargetGroup group) {
    if (!group.sticky()) {
      if (group.stickinessCookieName() != null) {
        error(path + ".stickinessCookieName", "is only for stickinessType \"app_cookie\"");
      }
      return;
    }
    range(path + ".stickinessSeconds", group.stickinessSeconds(), 1, 604_800);
    oneOf(
        path + ".stickinessType",
        group.stickinessType(),
        TargetGroup.LB_COOKIE,
        TargetGroup.APP_COOKIE);
    String cookie = group.stickinessCookieName();
    if (TargetGroup.APP_COOKIE.equals(group.stickinessType())) {
      if (cookie == null) {
        error(
            path + ".stickinessCookieName",
            "app_cookie stickiness needs the application's cookie name");
      } else if (cookie.isEmpty()
          || cookie.length() > 256
          || !COOKIE_NAME.matcher(cookie).matches()) {
        error(
            path + ".stickinessCookieName",
            "must be 1-256 characters: letters, digits and !#$%&'*+-.^_`|~, got \""
                + cookie
                + "\"");
      } else if (cookie.toUpperCase(Locale.ROOT).startsWith("AWSALB")) {
        error(
            path + ".stickinessCookieName",
            "\""
                + cookie
                + "\" is reserved: names starting with AWSALB, AWSALBAPP or AWSALBTG are the load balancer's");
      }
    } else if (cookie != null) {
      error(path + ".stickinessCookieName", "is only for stickinessType \"app_cookie\"");
    }
  }

  private void routing(String path, TargetGroup group) {
    oneOf(path + ".algorithm", group.algorithm(), TargetGroup.ALGORITHMS.toArray(String[]::new));
    int slowStart = group.slowStartSeconds();
    if (slowStart != 0 && (slowStart < 30 || slowStart > 900)) {
      error(path + ".slowStartSeconds", "must be 0 (off) or 30-900, got " + slowStart);
    } else if (slowStart != 0 && TargetGroup.LEAST_OUTSTANDING_REQUESTS.equals(group.algorithm())) {
      error(
          path + ".slowStartSeconds",
          "slow start cannot be combined with least_outstanding_requests (AWS refuses it)");
    } else if (slowStart != 0 && group.targets().size() == 1) {
      warning(
          path + ".slowStartSeconds",
          "has no effect with one target: a target that becomes healthy while no other target of"
              + " its group is healthy skips slow start");
    }
  }

  /**
   * A weighted forward over a group with target stickiness needs group stickiness: AWS requires it,
   * since the target cookie alone cannot bring a request back to the group.
   */
  static void weightedStickiness(SpecRules rules, String path, ForwardAction forward) {
    for (WeightedTargetGroup weighted : forward.targetGroups()) {
      Optional<TargetGroup> group = rules.spec.targetGroup(weighted.name());
      if (group.isPresent() && group.get().sticky()) {
        rules.error(
            path + ".stickinessSeconds",
            "target group \""
                + weighted.name()
                + "\" has stickiness, so this weighted forward needs group stickiness"
                + " (stickinessSeconds, the AWSALBTG cookie), as AWS requires");
        return;
      }
    }
  }

  private void targets(String path, TargetGroup group) {
    Set<String> seen = new HashSet<>();
    for (int t = 0; t < group.targets().size(); t++) {
      Target target = group.targets().get(t);
      String targetPath = path + ".targets[" + t + "]";
      if ("instance".equals(group.targetType())) {
        if (!INSTANCE_ID.matcher(target.id()).matches()) {
          error(
              targetPath + ".id",
              "\""
                  + target.id()
                  + "\" is not an instance id such as i-0123456789abcdef0"
                  + " (use targetType \"ip\" for IP addresses)");
        }
      } else if ("ip".equals(group.targetType())) {
        ipTarget(targetPath + ".id", target.id());
      }
      if (target.port() != null) {
        port(targetPath + ".port", target.port());
      }
      if (group.port() != null && !seen.add(target.id() + ":" + group.portOf(target))) {
        error(targetPath, "duplicate target " + target.id() + ":" + group.portOf(target));
      }
    }
  }

  private void ipTarget(String path, String id) {
    InetAddress address = ipLiteral(id);
    if (address == null) {
      error(path, "\"" + id + "\" is not an IP address");
      return;
    }
    if (address.isLoopbackAddress()) {
      warning(path, id + " is a loopback address: it works with elbctl serve, but AWS rejects it");
    } else if (!address.isSiteLocalAddress()
        && !isSharedAddressSpace(address)
        && !isUniqueLocalV6(address)) {
      error(
          path,
          id
              + " is a public address; ip targets must be private (RFC 1918, RFC 6598 or the VPC's"
              + " own ranges)");
    }
  }

  private static InetAddress ipLiteral(String text) {
    byte[] bytes = IpAddress.parse(text);
    try {
      return bytes == null ? null : InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static boolean isSharedAddressSpace(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
  }

  private static boolean isUniqueLocalV6(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == 16 && (b[0] & 0xfe) == 0xfc;
  }

  private void healthCheck(String path, HealthCheck check) {
    if (check.path().isEmpty() || check.path().length() > 1024) {
      error(path + ".path", "must be 1-1024 characters");
    } else if (!check.path().startsWith("/")) {
      error(path + ".path", "must start with /");
    }
    matcher(path + ".matcher", check.matcher());
    boolean interval = range(path + ".intervalSeconds", check.intervalSeconds(), 5, 300);
    boolean timeout = range(path + ".timeoutSeconds", check.timeoutSeconds(), 2, 120);
    if (interval && timeout && check.timeoutSeconds() >= check.intervalSeconds()) {
      error(
          path + ".timeoutSeconds",
          "must be less than intervalSeconds ("
              + check.intervalSeconds()
              + "), got "
              + check.timeoutSeconds());
    }
    range(path + ".healthyThreshold", check.healthyThreshold(), 2, 10);
    range(path + ".unhealthyThreshold", check.unhealthyThreshold(), 2, 10);
    if (!HealthCheck.TRAFFIC_PORT.equals(check.port())) {
      int port = parsePort(check.port());
      if (port < 0) {
        error(
            path + ".port",
            "must be \"traffic-port\" or a port 1-65535, got \"" + check.port() + "\"");
      }
    }
    if (check.protocol() != null) {
      oneOf(path + ".protocol", check.protocol(), "HTTP", "HTTPS");
    }
  }

  /** Checks an ALB success-code matcher: {@code 200}, {@code 200,202} or {@code 200-299}. */
  private void matcher(String path, String matcher) {
    String[] parts = matcher.split(",", -1);
    boolean list = parts.length > 1;
    boolean anyRange = false;
    for (String part : parts) {
      String[] bounds = part.trim().split("-", -1);
      if (bounds.length > 2
          || !MATCHER_CODE.matcher(bounds[0].trim()).matches()
          || (bounds.length == 2 && !MATCHER_CODE.matcher(bounds[1].trim()).matches())) {
        error(
            path,
            "must be a code, a list or a range of HTTP codes such as \"200\", \"200,202\" or"
                + " \"200-299\", got \""
                + matcher
                + "\"");
        return;
      }
      int low = Integer.parseInt(bounds[0].trim());
      int high = bounds.length == 2 ? Integer.parseInt(bounds[1].trim()) : low;
      anyRange |= bounds.length == 2;
      if (low < 200 || high > 499) {
        error(path, "codes must be within 200-499, got \"" + matcher + "\"");
        return;
      }
      if (low > high) {
        error(path, "range \"" + part.trim() + "\" must go from low to high");
        return;
      }
    }
    if (list && anyRange) {
      warning(path, "mixes a list and ranges; AWS documents either a list or one range");
    }
  }
}
