package io.elbctl.steps;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.aws.AwsGateway;
import io.elbctl.plan.Inventory;
import io.elbctl.plan.Inventory.ListenerState;
import io.elbctl.plan.Inventory.LoadBalancerState;
import io.elbctl.plan.Inventory.TargetGroupState;
import io.elbctl.plan.Ownership;
import io.elbctl.spec.Spec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the steps of one apply share: the spec, the gateway, and the ids of resources found or
 * created so far, so a later step can use what an earlier one made.
 */
public final class StepContext {
  private final Spec spec;
  private final AwsGateway aws;
  private final Poller poller;
  private final Progress progress;
  private final Duration waitTimeout;
  private final String zoneId;
  private final String vpcId;
  private final Map<String, String> groupArns = new HashMap<>();
  private final Map<Integer, String> listenerArns = new HashMap<>();
  private String certificateArn;
  private boolean certificateIssued;
  private boolean certificateRequested;

  /** Extra (SNI) certificates by their lower-case names: ARN, and whether ACM issued it. */
  private final Map<java.util.Set<String>, String> extraArns = new HashMap<>();

  private final java.util.Set<String> issuedExtras = new java.util.HashSet<>();
  private String securityGroupId;
  private LoadBalancerState loadBalancer;

  public StepContext(
      Spec spec,
      Inventory inventory,
      AwsGateway aws,
      Poller poller,
      Progress progress,
      Duration waitTimeout) {
    this.spec = spec;
    this.aws = aws;
    this.poller = poller;
    this.progress = progress;
    this.waitTimeout = waitTimeout;
    this.zoneId = inventory.hostedZone().map(Inventory.HostedZone::id).orElse(null);
    this.vpcId = inventory.network() == null ? null : inventory.network().vpcId();
    for (TargetGroupState group : inventory.targetGroups()) {
      groupArns.put(group.name(), group.arn());
    }
    for (ListenerState listener : inventory.listeners()) {
      listenerArns.put(listener.port(), listener.arn());
    }
    this.loadBalancer = inventory.loadBalancer();
    inventory
        .certificateFor(spec)
        .ifPresent(
            c -> {
              certificateArn = c.arn();
              certificateIssued = c.status().equals("ISSUED");
            });
    for (io.elbctl.spec.Certificate extra : spec.certificates()) {
      if (extra != spec.certificate()) {
        inventory
            .certificateFor(spec, extra)
            .ifPresent(
                c -> {
                  extraArns.put(extra.nameSet(), c.arn());
                  if (c.status().equals("ISSUED")) {
                    issuedExtras.add(c.arn());
                  }
                });
      }
    }
    var network = inventory.network();
    if (network != null
        && network.securityGroup() != null
        && Ownership.owns(spec.name(), network.securityGroup().tags())) {
      securityGroupId = network.securityGroup().id();
    }
  }

  public Spec spec() {
    return spec;
  }

  public AwsGateway aws() {
    return aws;
  }

  public Poller poller() {
    return poller;
  }

  public Duration waitTimeout() {
    return waitTimeout;
  }

  public Map<String, String> tags() {
    return Ownership.tags(spec.name());
  }

  /** The ownership tags with the hash of the spec fragment the resource is created from. */
  public Map<String, String> tags(String hash) {
    return Ownership.tags(spec.name(), hash);
  }

  public void report(String line) {
    progress.done(line);
  }

  public String zoneId() {
    if (zoneId == null) {
      throw new ElbctlException(
          ExitCode.ERROR,
          "the hosted zone " + spec.domain().hostedZone() + " does not exist; run elbctl domain");
    }
    return zoneId;
  }

  public String vpcId() {
    return vpcId;
  }

  public String groupArn(String name) {
    String arn = groupArns.get(name);
    if (arn == null) {
      throw new ElbctlException(
          ExitCode.ERROR,
          "the target group " + name + " does not exist yet; run elbctl target-groups first");
    }
    return arn;
  }

  void groupCreated(String name, String arn) {
    groupArns.put(name, arn);
  }

  public String listenerArn(int port) {
    String arn = listenerArns.get(port);
    if (arn == null) {
      throw new ElbctlException(
          ExitCode.ERROR,
          "the listener on port " + port + " does not exist yet; run elbctl load-balancer first");
    }
    return arn;
  }

  void listenerCreated(int port, String arn) {
    listenerArns.put(port, arn);
  }

  public LoadBalancerState loadBalancer() {
    if (loadBalancer == null) {
      throw new ElbctlException(
          ExitCode.ERROR,
          "the load balancer "
              + spec.loadBalancer().name()
              + " does not exist yet; run elbctl load-balancer first");
    }
    return loadBalancer;
  }

  boolean hasLoadBalancer() {
    return loadBalancer != null;
  }

  void loadBalancer(LoadBalancerState state) {
    loadBalancer = state;
  }

  String securityGroupId() {
    return securityGroupId;
  }

  void securityGroupCreated(String id) {
    securityGroupId = id;
  }

  /** Records the certificate just requested for {@code names}. */
  void certificateRequested(List<String> names, String arn) {
    java.util.Set<String> set = new io.elbctl.spec.Certificate(names.get(0), names).nameSet();
    if (spec.certificate() != null && spec.certificate().nameSet().equals(set)) {
      certificateArn = arn;
      certificateIssued = false;
      certificateRequested = true;
    } else {
      extraArns.put(set, arn);
    }
  }

  /**
   * The ARN of an extra certificate of a listener once ACM has issued it, waiting as {@link
   * #issuedCertificate()} does.
   */
  public String issuedCertificate(io.elbctl.spec.Certificate extra) {
    String arn = extraArns.get(extra.nameSet());
    if (arn == null) {
      throw new ElbctlException(
          ExitCode.ERROR,
          "no certificate covers "
              + String.join(", ", extra.allNames())
              + " yet; run elbctl certificate first");
    }
    if (!issuedExtras.contains(arn)) {
      awaitIssued(arn, extra.allNames());
      issuedExtras.add(arn);
    }
    return arn;
  }

  boolean certificatePending() {
    return certificateArn != null && !certificateIssued;
  }

  boolean certificateRequestedNow() {
    return certificateRequested;
  }

  /**
   * The certificate ARN once ACM has issued it, waiting (visibly, up to --wait-timeout) if it is
   * still pending; only what needs the certificate calls this, so other work overlaps the wait.
   */
  public String issuedCertificate() {
    if (certificateArn == null) {
      throw new ElbctlException(
          ExitCode.ERROR,
          "no certificate covers "
              + String.join(", ", spec.certificate().allNames())
              + " yet; run elbctl certificate first");
    }
    if (!certificateIssued) {
      awaitIssued(certificateArn, spec.certificate().allNames());
      certificateIssued = true;
    }
    return certificateArn;
  }

  private void awaitIssued(String arn, List<String> names) {
    var state =
        poller.until(
            "ACM to issue the certificate for " + String.join(", ", names) + " (DNS validation)",
            waitTimeout,
            () -> aws.certificate(arn),
            c -> !c.status().equals("PENDING_VALIDATION"),
            c -> c.status(),
            "check that the domain's registrar delegates to the hosted zone's name servers"
                + " (aws route53 get-hosted-zone), then run the same elbctl command again;"
                + " it continues where this run stopped and reuses the request");
    if (!state.status().equals("ISSUED")) {
      throw new ElbctlException(
          ExitCode.ERROR,
          "ACM did not issue the certificate " + arn + ": its status is " + state.status());
    }
    report("= certificate " + arn + " is ISSUED");
  }

  /** Waits until Route 53 has applied a change on all its name servers. */
  void awaitInsync(String changeId) {
    poller.until(
        "Route 53 to apply change " + changeId + " on all name servers",
        waitTimeout,
        () -> aws.changeStatus(changeId),
        "INSYNC"::equals,
        s -> s,
        "Route 53 usually needs under a minute, so run the same elbctl command again; it"
            + " continues where this run stopped");
  }

  List<String> certificateNames() {
    return spec.certificate().allNames();
  }
}
