package io.elbctl.cli;

import io.elbctl.live.LiveAlb;
import picocli.CommandLine.Option;

/** Which live load balancer a command reads: {@code --load-balancer} and {@code --hosted-zone}. */
public final class LiveOptions {
  @Option(
      names = "--load-balancer",
      paramLabel = "NAME|ARN",
      description = "The live load balancer, by name or ARN.")
  String loadBalancer;

  @Option(
      names = "--hosted-zone",
      paramLabel = "ZONE",
      description =
          "Hosted zone of its alias records (default: the zone named after its certificate).")
  String hostedZone;

  boolean given() {
    return loadBalancer != null;
  }

  /** Reads the load balancer with read-only calls. */
  LiveAlb read(AwsSession session) {
    if (loadBalancer == null) {
      throw new io.elbctl.ElbctlException(
          io.elbctl.ExitCode.USAGE, "name the load balancer with --load-balancer NAME|ARN");
    }
    return session.gateway.live(loadBalancer, hostedZone);
  }
}
