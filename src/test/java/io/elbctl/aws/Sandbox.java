package io.elbctl.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elbctl.cli.Cli;
import io.elbctl.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * One empty emulator account reached through its own {@link FaultProxy}: runs elbctl in-process
 * against it, creates the spec's hosted zone (and resources of no spec) and takes {@link
 * AwsSnapshot}s. Sandboxes on one moto never see each other's resources, so they can run side by
 * side.
 */
final class Sandbox implements AutoCloseable {
  private static final AtomicLong ACCOUNTS = new AtomicLong(200000000000L);
  private static final ObjectMapper JSON = new ObjectMapper();

  final FaultProxy proxy;
  private final String moto;
  final Path spec;
  final String region;
  final String zoneName;
  String zoneId;

  Sandbox(String moto, Path spec) {
    this.moto = moto;
    this.spec = spec;
    this.proxy = new FaultProxy(moto, Long.toString(ACCOUNTS.incrementAndGet()));
    try {
      JsonNode tree = JSON.readTree(spec.toFile());
      region = tree.get("region").asText();
      zoneName = tree.at("/domain/hostedZone").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates the spec's public hosted zone (elbctl expects it to exist). */
  Sandbox withZone() {
    try (Route53Client route53 =
        AwsSnapshot.client(Route53Client.builder(), Region.AWS_GLOBAL, moto, proxy.account())
            .build()) {
      zoneId =
          AwsGateway.bareZoneId(
              route53
                  .createHostedZone(
                      r -> r.name(zoneName).callerReference("test-" + System.nanoTime()))
                  .hostedZone()
                  .id());
    }
    return this;
  }

  /**
   * Adds resources no spec owns, which destroy must keep: a target group {@code legacy} and an A
   * record {@code legacy.<zone>}.
   */
  Sandbox withForeign() {
    try (Ec2Client ec2 =
            AwsSnapshot.client(Ec2Client.builder(), Region.of(region), moto, proxy.account())
                .build();
        ElasticLoadBalancingV2Client elb =
            AwsSnapshot.client(
                    ElasticLoadBalancingV2Client.builder(),
                    Region.of(region),
                    moto,
                    proxy.account())
                .build();
        Route53Client route53 =
            AwsSnapshot.client(Route53Client.builder(), Region.AWS_GLOBAL, moto, proxy.account())
                .build()) {
      String vpc =
          ec2.describeVpcs(r -> r.filters(f -> f.name("isDefault").values("true")))
              .vpcs()
              .get(0)
              .vpcId();
      elb.createTargetGroup(r -> r.name("legacy").protocol("HTTP").port(9000).vpcId(vpc));
      ExampleAccount.upsert(
          route53,
          zoneId,
          ResourceRecordSet.builder()
              .name("legacy." + zoneName)
              .type(RRType.A)
              .ttl(300L)
              .resourceRecords(v -> v.value("192.0.2.9"))
              .build());
    }
    return this;
  }

  /** Runs elbctl with its endpoint set to this sandbox's proxy. */
  /** An ELBv2 client whose calls go through this sandbox's proxy, as elbctl's do. */
  ElasticLoadBalancingV2Client elb() {
    return AwsSnapshot.client(
            ElasticLoadBalancingV2Client.builder(),
            Region.of(region),
            proxy.endpoint(),
            proxy.account())
        .build();
  }

  /** The rule at {@code priority} on the HTTPS listener of the account's only load balancer. */
  static Rule httpsRule(ElasticLoadBalancingV2Client elb, String priority) {
    String lb = elb.describeLoadBalancers().loadBalancers().get(0).loadBalancerArn();
    String listener =
        elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners().stream()
            .filter(l -> l.port() == 443)
            .findFirst()
            .orElseThrow()
            .listenerArn();
    return elb.describeRules(r -> r.listenerArn(listener)).rules().stream()
        .filter(r -> priority.equals(r.priority()))
        .findFirst()
        .orElseThrow();
  }

  Cli.Result run(String... args) {
    return run(Map.of(), args);
  }

  Cli.Result run(Map<String, String> extraEnv, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> env = new java.util.HashMap<>(extraEnv);
    env.put("AWS_ENDPOINT_URL", proxy.endpoint());
    List<String> all = new ArrayList<>(List.of(args));
    int code =
        Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), env);
    return new Cli.Result(code, out.toString(), err.toString());
  }

  Cli.Result apply(String... extra) {
    List<String> args = new ArrayList<>(List.of("apply", spec.toString(), "--yes"));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  Cli.Result destroy() {
    return run("destroy", spec.toString(), "--yes");
  }

  /** Starts elbctl as its own process, with its endpoint set to this sandbox's proxy. */
  ElbctlProcess start(String... args) {
    return ElbctlProcess.start(proxy.endpoint(), args);
  }

  /** Runs elbctl as its own process to its end. */
  Cli.Result runProcess(String... args) {
    return ElbctlProcess.run(proxy.endpoint(), args);
  }

  /** The value of the spec's lock record, read from the emulator directly; empty when absent. */
  java.util.Optional<String> lock() {
    try (Route53Client route53 =
        AwsSnapshot.client(Route53Client.builder(), Region.AWS_GLOBAL, moto, proxy.account())
            .build()) {
      return route53
          .listResourceRecordSets(r -> r.hostedZoneId(zoneId))
          .resourceRecordSets()
          .stream()
          .filter(s -> s.name().startsWith("_elbctl-lock.") && s.type() == RRType.TXT)
          .map(s -> s.resourceRecords().get(0).value())
          .findFirst();
    }
  }

  String moto() {
    return moto;
  }

  List<String> snapshot() {
    return AwsSnapshot.take(moto, proxy.account(), region, zoneId);
  }

  @Override
  public void close() {
    proxy.close();
  }
}
