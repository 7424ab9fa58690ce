package io.elbctl.serve;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.sim.Cidr;
import io.elbctl.spec.HealthCheck;
import io.elbctl.spec.Spec;
import io.elbctl.spec.Target;
import io.elbctl.spec.TargetGroup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts local apps in place of the spec's targets: the ones given as {@code GROUP=URL}, else the
 * spec's own targets that are addresses of this machine. Everything else about a group (health
 * check, protocol, stickiness) stays as the spec says.
 */
public final class LocalTargets {
  private LocalTargets() {}

  /** The spec to serve and one note per group whose targets changed or cannot be reached. */
  public record Result(Spec spec, List<String> notes) {}

  /** Applies {@code GROUP=http://host:port} mappings (repeatable per group). */
  public static Result apply(Spec spec, List<String> mappings) {
    Map<String, List<URI>> given = new LinkedHashMap<>();
    for (String mapping : mappings) {
      int equals = mapping.indexOf('=');
      if (equals <= 0) {
        throw new ElbctlException(
            ExitCode.USAGE,
            "--target '" + mapping + "' must be GROUP=URL, e.g. backend=http://127.0.0.1:8080");
      }
      String group = mapping.substring(0, equals);
      if (spec.targetGroup(group).isEmpty()) {
        throw new ElbctlException(
            ExitCode.USAGE,
            "--target '"
                + mapping
                + "': the spec has no target group '"
                + group
                + "' (it has "
                + spec.targetGroups().stream().map(TargetGroup::name).toList()
                + ")");
      }
      given.computeIfAbsent(group, g -> new ArrayList<>()).add(url(mapping, equals));
    }
    List<String> notes = new ArrayList<>();
    List<TargetGroup> groups = new ArrayList<>();
    for (TargetGroup group : spec.targetGroups()) {
      List<URI> urls = given.get(group.name());
      if (urls != null) {
        groups.add(replaced(group, urls, notes));
      } else {
        groups.add(localOnly(group, notes));
      }
    }
    Spec served =
        new Spec(
            spec.apiVersion(),
            spec.name(),
            spec.region(),
            spec.domain(),
            spec.certificate(),
            spec.network(),
            groups,
            spec.loadBalancer());
    return new Result(served, List.copyOf(notes));
  }

  /** One {@code GROUP=URL} mapping as the group and the target it names. */
  public record Mapping(String group, io.elbctl.sim.TargetRef target) {}

  /** Reads one {@code GROUP=URL} mapping of a group the spec has; a usage error otherwise. */
  public static Mapping mapping(Spec spec, String mapping) {
    TargetGroup group =
        apply(spec, List.of(mapping))
            .spec()
            .targetGroup(mapping.substring(0, mapping.indexOf('=')))
            .orElseThrow();
    Target target = group.targets().get(0);
    return new Mapping(
        group.name(), new io.elbctl.sim.TargetRef(target.id(), group.portOf(target)));
  }

  private static URI url(String mapping, int equals) {
    String text = mapping.substring(equals + 1);
    try {
      URI uri = URI.create(text);
      String scheme = uri.getScheme();
      if (uri.getHost() == null
          || scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      if (uri.getRawPath() != null
          && !uri.getRawPath().isEmpty()
          && !uri.getRawPath().equals("/")) {
        throw new ElbctlException(
            ExitCode.USAGE,
            "--target '"
                + mapping
                + "': a target is an address and port; the ALB forwards the request path"
                + " unchanged, so drop the path "
                + uri.getRawPath());
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ElbctlException(
          ExitCode.USAGE,
          "--target '" + mapping + "': '" + text + "' is not a URL such as http://127.0.0.1:3000");
    }
  }

  private static TargetGroup replaced(TargetGroup group, List<URI> urls, List<String> notes) {
    String scheme = urls.get(0).getScheme().toLowerCase(java.util.Locale.ROOT);
    List<Target> targets = new ArrayList<>();
    for (URI uri : urls) {
      if (!uri.getScheme().equalsIgnoreCase(scheme)) {
        throw new ElbctlException(
            ExitCode.USAGE,
            "--target: the targets of '"
                + group.name()
                + "' mix http and https; a target group has one protocol");
      }
      int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
      String host = uri.getHost();
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      targets.add(new Target(host, port));
    }
    HealthCheck check = group.healthCheck();
    if (!HealthCheck.TRAFFIC_PORT.equals(check.port())) {
      notes.add(
          "target group '"
              + group.name()
              + "': health checks go to each --target's own port instead of port "
              + check.port());
      check =
          new HealthCheck(
              check.path(),
              check.matcher(),
              check.intervalSeconds(),
              check.timeoutSeconds(),
              check.healthyThreshold(),
              check.unhealthyThreshold(),
              HealthCheck.TRAFFIC_PORT,
              check.protocol());
    }
    return group.withTargets(scheme.equals("https") ? "HTTPS" : "HTTP", check, targets);
  }

  private static TargetGroup localOnly(TargetGroup group, List<String> notes) {
    List<Target> kept = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (Target target : group.targets()) {
      if (isLocal(target.id())) {
        kept.add(target);
      } else {
        dropped.add(target.id());
      }
    }
    if (!dropped.isEmpty()) {
      notes.add(
          "target group '"
              + group.name()
              + "': "
              + String.join(", ", dropped)
              + (dropped.size() == 1 ? " is not an address" : " are not addresses")
              + " on this machine"
              + (kept.isEmpty() ? ", so requests forwarded to it get 503" : "")
              + "; give --target "
              + group.name()
              + "=http://127.0.0.1:"
              + group.port());
    }
    return group.withTargets(group.protocol(), group.healthCheck(), kept);
  }

  /** True for an IP address of this machine (loopback or an interface's). */
  static boolean isLocal(String id) {
    byte[] bytes = Cidr.address(id);
    if (bytes == null) {
      return false;
    }
    try {
      InetAddress address = InetAddress.getByAddress(bytes);
      return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
    } catch (IOException e) {
      return false;
    }
  }
}
