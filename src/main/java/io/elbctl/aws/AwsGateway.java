package io.elbctl.aws;

import io.elbctl.plan.Destroyer;
import io.elbctl.plan.Diagnosis;
import io.elbctl.plan.Inventory;
import io.elbctl.plan.Inventory.CertificateState;
import io.elbctl.plan.Inventory.HostedZone;
import io.elbctl.plan.Inventory.LoadBalancerState;
import io.elbctl.plan.Inventory.RecordSet;
import io.elbctl.plan.Inventory.ValidationRecord;
import io.elbctl.plan.ResourceNames;
import io.elbctl.spec.LoadBalancer;
import io.elbctl.spec.Spec;
import io.elbctl.spec.Target;
import io.elbctl.spec.TargetGroup;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything elbctl asks of AWS, in SDK-free terms: one batched read of the {@link Inventory} and
 * one method per mutation. Every AWS failure becomes one sentence with the AWS error code ({@link
 * AwsErrors}); the work is done by one reader or writer per concern, each with one reason to
 * change.
 */
public final class AwsGateway {
  private final AwsClients clients;
  private final AwsErrors errors;
  private final ElbWriter elb;
  private final TargetGroupWriter targetGroups;
  private final Route53Writer route53;
  private final AcmWriter acm;
  private final Ec2Writer ec2;

  public AwsGateway(AwsClients clients) {
    this(clients, System::getenv);
  }

  /** A gateway that reads client secrets from {@code env} (name to value, null when unset). */
  public AwsGateway(AwsClients clients, Function<String, String> env) {
    this.clients = clients;
    this.errors = new AwsErrors(clients);
    this.elb = new ElbWriter(clients, errors, env);
    this.targetGroups = new TargetGroupWriter(clients, errors);
    this.route53 = new Route53Writer(clients, errors);
    this.acm = new AcmWriter(clients, errors);
    this.ec2 = new Ec2Writer(clients, errors);
  }

  public CallStats stats() {
    return clients.stats();
  }

  /** Whether Elastic Load Balancing's service-linked role exists (doctor's read-only check). */
  public io.elbctl.plan.Diagnosis.RoleAnswer serviceLinkedRole() {
    return new ServiceLinkedRoles(clients).elasticLoadBalancing();
  }

  // ================================================================ reads

  /** Reads what exists for {@code spec} with read-only calls, in as few calls as the APIs allow. */
  public Inventory read(Spec spec) {
    return errors.call(() -> new InventoryReader(clients, spec).read());
  }

  /**
   * The load balancer named {@code nameOrArn} as it runs, with read-only calls; {@code zoneName}
   * null looks for its alias records in the zones named after its certificate.
   */
  public io.elbctl.live.LiveAlb live(String nameOrArn, String zoneName) {
    return errors.call(() -> new LiveReader(clients).read(nameOrArn, zoneName));
  }

  /** The spec's public hosted zone, if it exists (one read-only call). */
  public Optional<HostedZone> hostedZone(Spec spec) {
    return errors.call(() -> Optional.ofNullable(new InventoryReader(clients, spec).zone()));
  }

  /**
   * The certificate's status and validation records; records are missing for a few seconds after a
   * request on AWS.
   */
  public CertificateState certificate(String arn) {
    return acm.certificate(arn);
  }

  /** The load balancer's state, DNS name and canonical hosted zone, as a poll reads them. */
  public LoadBalancerState loadBalancer(String arn) {
    return elb.loadBalancer(arn);
  }

  /** True while DescribeLoadBalancers still lists the load balancer. */
  public boolean loadBalancerExists(String arn) {
    return elb.loadBalancerExists(arn);
  }

  /** The name servers Route 53 assigned to the hosted zone (its delegation set). */
  public List<String> zoneNameServers(String zoneId) {
    return route53.zoneNameServers(zoneId);
  }

  /**
   * The subnets the load balancer uses, else the spec's, else the VPC's default ones, each with
   * whether its route table (explicit, else the VPC's main one) sends 0.0.0.0/0 to an internet
   * gateway.
   */
  public List<Diagnosis.SubnetRoute> subnetRoutes(Spec spec, Inventory inventory) {
    return errors.call(() -> new SubnetRouteReader(clients).read(spec, inventory));
  }

  /** What destroy needs beyond the inventory: its security group and every owned certificate. */
  public Destroyer.Inputs destroyInputs(Spec spec) {
    return errors.call(() -> new DestroyReader(clients).read(spec));
  }

  /** PENDING or INSYNC. */
  public String changeStatus(String changeId) {
    return route53.changeStatus(changeId);
  }

  // ================================================================ ACM and Route 53

  public String requestCertificate(
      List<String> names, String idempotencyToken, Map<String, String> tags) {
    return acm.request(names, idempotencyToken, tags);
  }

  /** Deletes a certificate; {@link StillInUseException} while a listener uses it. */
  public void deleteCertificate(String arn) {
    acm.delete(arn);
  }

  /** UPSERTs CNAME records (TTL 300) in one batch; returns the change id to wait on. */
  public String upsertCnames(String zoneId, List<ValidationRecord> records) {
    return route53.upsertCnames(zoneId, records);
  }

  /**
   * UPSERTs alias records to the load balancer (its dualstack name), and the TXT records that mark
   * them as the spec's, in one batch; returns the change id.
   */
  public String upsertAliases(
      String zoneId,
      List<String[]> nameAndType,
      LoadBalancerState loadBalancer,
      List<String> markerNames,
      String markerValue) {
    return route53.upsertAliases(
        zoneId,
        nameAndType,
        ResourceNames.aliasTarget(loadBalancer.dnsName()),
        loadBalancer.canonicalHostedZoneId(),
        markerNames,
        markerValue);
  }

  /** DELETEs record sets exactly as they were read, in one batch; returns the change id. */
  public String deleteRecords(String zoneId, List<RecordSet> records) {
    return route53.deleteRecords(zoneId, records);
  }

  // ================================================================ EC2

  /** Creates a security group open on 80 and 443 (IPv4 and IPv6); returns its id. */
  public String createSecurityGroup(
      String name, String vpcId, String description, Map<String, String> tags) {
    return ec2.createSecurityGroup(name, vpcId, description, tags);
  }

  /**
   * Opens 80 and 443 on a security group elbctl created; a group that is open already (a run that
   * stopped after this call) is left as it is.
   */
  public void allowWebTraffic(String groupId) {
    ec2.allowWebTraffic(groupId);
  }

  /** Adds or overwrites tags on a security group. */
  public void tagSecurityGroup(String id, Map<String, String> tags) {
    ec2.tagSecurityGroup(id, tags);
  }

  /** Deletes a security group; {@link StillInUseException} while network interfaces use it. */
  public void deleteSecurityGroup(String id) {
    ec2.deleteSecurityGroup(id);
  }

  // ================================================================ target groups

  public String createTargetGroup(TargetGroup group, String vpcId, Map<String, String> tags) {
    return targetGroups.create(group, vpcId, tags);
  }

  public void modifyHealthCheck(String arn, TargetGroup group) {
    targetGroups.modifyHealthCheck(arn, group);
  }

  public void modifyAttributes(String arn, TargetGroup group) {
    targetGroups.modifyAttributes(arn, group);
  }

  public void registerTargets(String arn, List<Target> targets) {
    targetGroups.registerTargets(arn, targets);
  }

  public void deregisterTargets(String arn, List<Target> targets) {
    targetGroups.deregisterTargets(arn, targets);
  }

  /** Deletes a target group; {@link StillInUseException} while a listener or rule uses it. */
  public void deleteTargetGroup(String arn) {
    targetGroups.delete(arn);
  }

  // ================================================================ load balancer

  public String createLoadBalancer(
      io.elbctl.spec.LoadBalancer lb,
      List<String> subnets,
      List<String> securityGroups,
      Map<String, String> tags) {
    return elb.createLoadBalancer(lb, subnets, securityGroups, tags);
  }

  public void setIdleTimeout(String arn, int seconds) {
    elb.setAttributes(arn, Map.of(LoadBalancerAttributes.IDLE_TIMEOUT, String.valueOf(seconds)));
  }

  /**
   * Sets the desync mitigation mode and the dropping of invalid header fields of {@code lb} (one
   * ModifyLoadBalancerAttributes call).
   */
  public void setRequestHandling(String arn, LoadBalancer lb) {
    elb.setAttributes(arn, LoadBalancerAttributes.requestHandling(lb));
  }

  public void setSecurityGroups(String arn, List<String> securityGroups) {
    elb.setSecurityGroups(arn, securityGroups);
  }

  public void deleteLoadBalancer(String arn) {
    elb.deleteLoadBalancer(arn);
  }

  /**
   * Creates a listener; {@code certificateArn} only for HTTPS; target groups in the default action
   * are resolved by {@code arnOf}.
   */
  public String createListener(
      String lbArn,
      io.elbctl.spec.Listener listener,
      String certificateArn,
      Function<String, String> arnOf,
      Map<String, String> tags) {
    return elb.createListener(lbArn, listener, certificateArn, arnOf, tags);
  }

  public void modifyListener(
      String arn,
      io.elbctl.spec.Listener listener,
      String certificateArn,
      Function<String, String> arnOf) {
    elb.modifyListener(arn, listener, certificateArn, arnOf);
  }

  /**
   * Makes the listener's SNI certificates exactly {@code wanted}: adds the missing ones and removes
   * the others (never the default certificate); the names of what changed, for progress.
   */
  public List<String> syncListenerCertificates(String listenerArn, List<String> wanted) {
    List<String> live = elb.extraCertificates(listenerArn);
    List<String> add = wanted.stream().filter(a -> !live.contains(a)).distinct().toList();
    List<String> remove = live.stream().filter(a -> !wanted.contains(a)).toList();
    elb.addListenerCertificates(listenerArn, add);
    elb.removeListenerCertificates(listenerArn, remove);
    List<String> changed = new java.util.ArrayList<>();
    add.forEach(a -> changed.add("+ " + a));
    remove.forEach(a -> changed.add("- " + a));
    return changed;
  }

  public void deleteListener(String arn) {
    elb.deleteListener(arn);
  }

  public String createRule(
      String listenerArn,
      io.elbctl.spec.Rule rule,
      Function<String, String> arnOf,
      Map<String, String> tags) {
    return elb.createRule(listenerArn, rule, arnOf, tags);
  }

  /** Replaces the whole condition and action lists of a rule, as ModifyRule requires. */
  public void modifyRule(String arn, io.elbctl.spec.Rule rule, Function<String, String> arnOf) {
    elb.modifyRule(arn, rule, arnOf);
  }

  public void setRulePriority(String arn, int priority) {
    elb.setRulePriority(arn, priority);
  }

  public void deleteRule(String arn) {
    elb.deleteRule(arn);
  }

  /** Adds or overwrites tags on a load balancer, listener, rule or target group. */
  public void addTags(String arn, Map<String, String> tags) {
    elb.addTags(arn, tags);
  }

  // ================================================================ shared

  /** Route 53 ids come back as "/hostedzone/Z…"; AliasTarget and later calls want "Z…". */
  static String bareZoneId(String id) {
    if (id == null) {
      return null;
    }
    int slash = id.lastIndexOf('/');
    return slash < 0 ? id : id.substring(slash + 1);
  }

  /** Runs {@code action} with every AWS failure turned into one sentence. */
  <T> T call(Supplier<T> action) {
    return errors.call(action);
  }
}
