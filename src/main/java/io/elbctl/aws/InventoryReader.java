package io.elbctl.aws;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.plan.Inventory;
import io.elbctl.plan.Inventory.CertificateState;
import io.elbctl.plan.Inventory.HostedZone;
import io.elbctl.plan.Inventory.ListenerState;
import io.elbctl.plan.Inventory.LoadBalancerState;
import io.elbctl.plan.Inventory.NetworkState;
import io.elbctl.plan.Inventory.RecordSet;
import io.elbctl.plan.Inventory.RuleState;
import io.elbctl.plan.Inventory.SecurityGroupState;
import io.elbctl.plan.Inventory.TargetGroupState;
import io.elbctl.plan.Ownership;
import io.elbctl.plan.ResourceNames;
import io.elbctl.spec.DnsName;
import io.elbctl.spec.HealthCheck;
import io.elbctl.spec.Spec;
import io.elbctl.spec.Target;
import io.elbctl.spec.TargetGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Reads what exists for one spec into an SDK-free {@link Inventory}, with read-only calls and in as
 * few calls as the APIs allow.
 */
public final class InventoryReader {
  private static final int TAG_BATCH = 20;

  private final AwsClients clients;
  private final Spec spec;

  InventoryReader(AwsClients clients, Spec spec) {
    this.clients = clients;
    this.spec = spec;
  }

  /** The inventory; reads the network only when something must be created in it. */
  Inventory read() {
    HostedZone zone = zone();
    List<RecordSet> records = zone == null ? List.of() : records(zone.id());
    LoadBalancerState lb = null;
    List<software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer> found =
        loadBalancers();
    List<software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup> groups =
        targetGroups();
    List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener> listeners =
        new ArrayList<>();
    Map<String, List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule>> rules =
        new HashMap<>();
    List<String> arns = new ArrayList<>();
    found.forEach(l -> arns.add(l.loadBalancerArn()));
    groups.forEach(g -> arns.add(g.targetGroupArn()));
    Map<String, Map<String, String>> tags = new HashMap<>();
    if (found.size() > 1) {
      // Only moto makes two load balancers of one name; the tags tell which one is ours.
      tags.putAll(tags(arns));
      arns.clear();
    }
    var chosen =
        found.stream()
            .filter(
                l -> Ownership.owns(spec.name(), tags.getOrDefault(l.loadBalancerArn(), Map.of())))
            .findFirst()
            .or(() -> found.stream().findFirst());
    if (chosen.isPresent()) {
      listeners.addAll(listeners(chosen.get().loadBalancerArn()));
      for (var listener : listeners) {
        List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule> listenerRules =
            rules(listener.listenerArn());
        rules.put(listener.listenerArn(), listenerRules);
        arns.add(listener.listenerArn());
        listenerRules.stream()
            .filter(r -> !Boolean.TRUE.equals(r.isDefault()))
            .forEach(r -> arns.add(r.ruleArn()));
      }
    }
    // One DescribeTags per 20 resources: the load balancer, listeners, rules and groups.
    tags.putAll(tags(arns));
    if (chosen.isPresent()) {
      var l = chosen.get();
      lb =
          ElbTranslation.loadBalancerState(
              l,
              LoadBalancerAttributes.read(clients, l.loadBalancerArn()),
              tags.getOrDefault(l.loadBalancerArn(), Map.of()));
    }
    Map<String, String> groupNames = new HashMap<>();
    List<TargetGroupState> groupStates = new ArrayList<>();
    for (var g : groups) {
      groupNames.put(g.targetGroupArn(), g.targetGroupName());
      groupStates.add(targetGroup(g, tags.getOrDefault(g.targetGroupArn(), Map.of())));
    }
    Function<String, String> nameOf = arn -> groupNames.getOrDefault(arn, arn);
    List<ListenerState> listenerStates = new ArrayList<>();
    for (var listener : listeners) {
      List<RuleState> ruleStates = new ArrayList<>();
      for (var rule : rules.get(listener.listenerArn())) {
        if (Boolean.TRUE.equals(rule.isDefault())) {
          continue;
        }
        ruleStates.add(
            new RuleState(
                rule.ruleArn(),
                Integer.parseInt(rule.priority()),
                ElbTranslation.conditions(rule.conditions()),
                RuleTransformTranslation.transforms(rule.transforms()),
                AuthTranslation.authenticate(rule.actions()),
                ElbTranslation.action(rule.actions(), nameOf),
                tags.getOrDefault(rule.ruleArn(), Map.of())));
      }
      listenerStates.add(
          new ListenerState(
              listener.listenerArn(),
              listener.port(),
              listener.protocolAsString(),
              listener.sslPolicy(),
              listener.certificates().isEmpty()
                  ? null
                  : listener.certificates().get(0).certificateArn(),
              extraCertificates(listener, tags.getOrDefault(listener.listenerArn(), Map.of())),
              ElbTranslation.action(listener.defaultActions(), nameOf),
              tags.getOrDefault(listener.listenerArn(), Map.of()),
              ruleStates));
    }
    List<CertificateState> certificates = certificates(listenerStates);
    Set<String> specGroups = new HashSet<>();
    spec.targetGroups().forEach(g -> specGroups.add(g.name()));
    boolean groupMissing = !groupNames.values().containsAll(specGroups);
    NetworkState network = lb == null || groupMissing ? network(lb == null) : null;
    return new Inventory(zone, records, certificates, network, lb, listenerStates, groupStates);
  }

  /** The spec's hosted zone, public before private (one read-only call). */
  HostedZone zone() {
    return zone(clients, spec.domain().hostedZone());
  }

  /** The hosted zone of this name, public before private; null when there is none. */
  static HostedZone zone(AwsClients clients, String zoneName) {
    String name = DnsName.fqdn(zoneName);
    var response = clients.route53().listHostedZonesByName(r -> r.dnsName(name).maxItems("100"));
    HostedZone privateZone = null;
    for (var zone : response.hostedZones()) {
      if (!DnsName.fqdn(zone.name()).equals(name)) {
        continue;
      }
      boolean isPrivate = zone.config() != null && Boolean.TRUE.equals(zone.config().privateZone());
      HostedZone found = new HostedZone(AwsGateway.bareZoneId(zone.id()), name, isPrivate);
      if (!isPrivate) {
        return found;
      }
      privateZone = found;
    }
    return privateZone;
  }

  private List<RecordSet> records(String zoneId) {
    return records(clients, zoneId);
  }

  /** Every record set of the zone. */
  static List<RecordSet> records(AwsClients clients, String zoneId) {
    // The paginator carries NextRecordIdentifier too, which weighted and latency records need.
    List<RecordSet> records = new ArrayList<>();
    for (ResourceRecordSet set :
        clients
            .route53()
            .listResourceRecordSetsPaginator(r -> r.hostedZoneId(zoneId))
            .resourceRecordSets()) {
      AliasTarget alias = set.aliasTarget();
      records.add(
          new RecordSet(
              DnsName.fqdn(set.name()),
              set.typeAsString(),
              alias == null ? null : alias.dnsName(),
              alias == null ? null : AwsGateway.bareZoneId(alias.hostedZoneId()),
              set.resourceRecords().stream().map(ResourceRecord::value).toList(),
              set.ttl(),
              alias != null && Boolean.TRUE.equals(alias.evaluateTargetHealth())));
    }
    return records;
  }

  private List<software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer>
      loadBalancers() {
    try {
      // moto creates a second load balancer for a repeated name; AWS returns one.
      return clients
          .elb()
          .describeLoadBalancersPaginator(r -> r.names(spec.loadBalancer().name()))
          .loadBalancers()
          .stream()
          .toList();
    } catch (LoadBalancerNotFoundException e) {
      return List.of();
    }
  }

  private List<software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup>
      targetGroups() {
    Set<String> names = new HashSet<>();
    spec.targetGroups().forEach(g -> names.add(g.name()));
    return clients.elb().describeTargetGroupsPaginator(r -> r.pageSize(400)).targetGroups().stream()
        .filter(g -> names.contains(g.targetGroupName()))
        .toList();
  }

  private List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener> listeners(
      String lbArn) {
    return clients
        .elb()
        .describeListenersPaginator(r -> r.loadBalancerArn(lbArn))
        .listeners()
        .stream()
        .toList();
  }

  private List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule> rules(
      String listenerArn) {
    return clients
        .elb()
        .describeRulesPaginator(r -> r.listenerArn(listenerArn).pageSize(400))
        .rules()
        .stream()
        .toList();
  }

  private Map<String, Map<String, String>> tags(List<String> arns) {
    Map<String, Map<String, String>> tags = new HashMap<>();
    for (int i = 0; i < arns.size(); i += TAG_BATCH) {
      List<String> batch = arns.subList(i, Math.min(arns.size(), i + TAG_BATCH));
      for (TagDescription description :
          clients.elb().describeTags(r -> r.resourceArns(batch)).tagDescriptions()) {
        tags.put(description.resourceArn(), AwsTags.fromElb(description.tags()));
      }
    }
    return tags;
  }

  private TargetGroupState targetGroup(
      software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup g,
      Map<String, String> tags) {
    return targetGroupState(
        g, targetGroupAttributes(clients, g.targetGroupArn()), targetHealth(clients, g), tags);
  }

  /** A target group's attributes by key (one DescribeTargetGroupAttributes call). */
  static Map<String, String> targetGroupAttributes(AwsClients clients, String arn) {
    Map<String, String> attributes = new HashMap<>();
    for (TargetGroupAttribute attribute :
        clients.elb().describeTargetGroupAttributes(r -> r.targetGroupArn(arn)).attributes()) {
      attributes.put(attribute.key(), attribute.value());
    }
    return attributes;
  }

  /** The health of every registered target (one DescribeTargetHealth call). */
  static List<TargetHealthDescription> targetHealth(
      AwsClients clients,
      software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup g) {
    return clients
        .elb()
        .describeTargetHealth(r -> r.targetGroupArn(g.targetGroupArn()))
        .targetHealthDescriptions();
  }

  /** The SDK-free view of a target group, from its attributes and its targets' health. */
  static TargetGroupState targetGroupState(
      software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup g,
      Map<String, String> attributes,
      List<TargetHealthDescription> targetHealth,
      Map<String, String> tags) {
    List<Target> targets = new ArrayList<>();
    for (TargetHealthDescription description : targetHealth) {
      String state =
          description.targetHealth() == null ? "" : description.targetHealth().stateAsString();
      // A draining target is already deregistered; the spec no longer wants it.
      if (!"draining".equals(state)) {
        targets.add(new Target(description.target().id(), description.target().port()));
      }
    }
    String delay = attributes.get("deregistration_delay.timeout_seconds");
    boolean sticky = "true".equals(attributes.get("stickiness.enabled"));
    String stickinessType = sticky ? attributes.getOrDefault("stickiness.type", "lb_cookie") : null;
    boolean app = TargetGroup.APP_COOKIE.equals(stickinessType);
    String duration =
        attributes.get(
            app
                ? "stickiness.app_cookie.duration_seconds"
                : "stickiness.lb_cookie.duration_seconds");
    Integer stickiness =
        !sticky
            ? null
            : duration == null ? TargetGroup.DEFAULT_STICKINESS_SECONDS : Integer.valueOf(duration);
    String algorithm =
        attributes.getOrDefault("load_balancing.algorithm.type", TargetGroup.ROUND_ROBIN);
    if (TargetGroup.WEIGHTED_RANDOM.equals(algorithm)
        && "on".equals(attributes.get("load_balancing.algorithm.anomaly_mitigation"))) {
      algorithm = TargetGroup.WEIGHTED_RANDOM + " (anomaly mitigation on)";
    }
    String slowStart = attributes.get("slow_start.duration_seconds");
    HealthCheck health =
        new HealthCheck(
            g.healthCheckPath(),
            g.matcher() == null ? null : g.matcher().httpCode(),
            g.healthCheckIntervalSeconds(),
            g.healthCheckTimeoutSeconds(),
            g.healthyThresholdCount(),
            g.unhealthyThresholdCount(),
            g.healthCheckPort(),
            g.healthCheckProtocolAsString());
    return new TargetGroupState(
        g.targetGroupArn(),
        g.targetGroupName(),
        g.protocolAsString(),
        g.port(),
        g.targetTypeAsString(),
        g.vpcId(),
        health,
        delay == null ? TargetGroup.DEFAULT_DEREGISTRATION_DELAY : Integer.valueOf(delay),
        stickiness,
        stickinessType,
        app ? attributes.get("stickiness.app_cookie.cookie_name") : null,
        algorithm,
        slowStart == null ? 0 : Integer.parseInt(slowStart),
        targets,
        tags);
  }

  /**
   * The SNI certificates a listener serves besides its default (one DescribeListenerCertificates
   * call), read when the spec gives that listener some, or when elbctl's tag on the listener says
   * it added some; null otherwise.
   */
  private List<String> extraCertificates(
      software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener listener,
      Map<String, String> tags) {
    io.elbctl.spec.Listener wanted =
        spec.loadBalancer().listeners().stream()
            .filter(l -> l.port() != null && l.port().equals(listener.port()))
            .findFirst()
            .orElse(null);
    String added = tags.getOrDefault(Ownership.SNI_TAG, "0");
    boolean read =
        wanted != null
            && wanted.https()
            && (!wanted.certificates().isEmpty() || !added.equals("0"));
    if (!read) {
      return null;
    }
    return clients
        .elb()
        .describeListenerCertificatesPaginator(r -> r.listenerArn(listener.listenerArn()))
        .certificates()
        .stream()
        .filter(c -> !Boolean.TRUE.equals(c.isDefault()))
        .map(c -> c.certificateArn())
        .distinct()
        .toList();
  }

  private List<CertificateState> certificates(List<ListenerState> listeners) {
    if (spec.certificate() == null) {
      return List.of();
    }
    Set<Set<String>> wanted = new HashSet<>();
    spec.certificates().forEach(c -> wanted.add(c.nameSet()));
    List<CertificateState> found = new ArrayList<>();
    // The certificates the HTTPS listeners already serve need one call each, not a listing.
    Set<String> served = new java.util.LinkedHashSet<>();
    for (ListenerState listener : listeners) {
      if (listener.certificateArn() != null) {
        served.add(listener.certificateArn());
      }
      if (listener.extraCertificateArns() != null) {
        served.addAll(listener.extraCertificateArns());
      }
    }
    for (String arn : served) {
      CertificateState state = certificate(clients, arn, false, true);
      found.add(state);
      if (List.of("ISSUED", "PENDING_VALIDATION").contains(state.status())) {
        wanted.remove(lowerSet(state.names()));
      }
    }
    if (wanted.isEmpty()) {
      return found;
    }
    Set<String> domains = new HashSet<>();
    for (io.elbctl.spec.Certificate certificate : spec.certificates()) {
      if (wanted.contains(certificate.nameSet())) {
        domains.add(certificate.domainName().toLowerCase(Locale.ROOT));
      }
    }
    List<String> candidates = new ArrayList<>();
    for (CertificateSummary summary :
        clients
            .acm()
            .listCertificatesPaginator(
                r ->
                    r.certificateStatuses(
                        CertificateStatus.ISSUED, CertificateStatus.PENDING_VALIDATION))
            .certificateSummaryList()) {
      if (domains.contains(summary.domainName().toLowerCase(Locale.ROOT))) {
        candidates.add(summary.certificateArn());
      }
    }
    for (String arn : candidates) {
      if (Ownership.owns(spec.name(), certificateTags(clients, arn))) {
        found.add(certificate(clients, arn, true, false));
      }
    }
    return found;
  }

  private NetworkState network(boolean loadBalancerMissing) {
    String vpcId = spec.network().vpcId();
    boolean defaultVpc = "default".equals(vpcId);
    if (defaultVpc) {
      var vpcs =
          clients
              .ec2()
              .describeVpcsPaginator(r -> r.filters(filter("isDefault", "true")))
              .vpcs()
              .stream()
              .toList();
      if (vpcs.isEmpty()) {
        throw new ElbctlException(
            ExitCode.ERROR,
            "the region "
                + clients.settings().region()
                + " has no default VPC; set network.vpcId (and network.subnets)");
      }
      vpcId = vpcs.get(0).vpcId();
    }
    if (!loadBalancerMissing) {
      return new NetworkState(vpcId, List.of(), null);
    }
    List<Inventory.Subnet> subnets = new ArrayList<>();
    if (spec.network().subnets().isEmpty()) {
      String vpc = vpcId;
      List<Filter> filters = new ArrayList<>(List.of(filter("vpc-id", vpc)));
      if (defaultVpc) {
        filters.add(filter("default-for-az", "true"));
      }
      clients
          .ec2()
          .describeSubnetsPaginator(r -> r.filters(filters))
          .subnets()
          .forEach(s -> subnets.add(new Inventory.Subnet(s.subnetId(), s.availabilityZone())));
    }
    SecurityGroupState group = null;
    if (spec.network().securityGroups().isEmpty()) {
      String vpc = vpcId;
      List<SecurityGroupState> groups =
          securityGroups(
              clients,
              filter("group-name", ResourceNames.securityGroupName(spec)),
              filter("vpc-id", vpc));
      group = groups.isEmpty() ? null : groups.get(0);
    }
    return new NetworkState(vpcId, subnets, group);
  }

  /** Security groups that match every filter, in the order EC2 lists them. */
  static List<SecurityGroupState> securityGroups(AwsClients clients, Filter... filters) {
    return clients
        .ec2()
        .describeSecurityGroupsPaginator(r -> r.filters(filters))
        .securityGroups()
        .stream()
        .map(g -> new SecurityGroupState(g.groupId(), g.groupName(), AwsTags.fromEc2(g.tags())))
        .toList();
  }

  static Map<String, String> certificateTags(AwsClients clients, String arn) {
    return AwsTags.fromAcm(clients.acm().listTagsForCertificate(r -> r.certificateArn(arn)).tags());
  }

  static CertificateState certificate(
      AwsClients clients, String arn, boolean owned, boolean served) {
    return AcmTranslation.state(
        arn,
        clients.acm().describeCertificate(r -> r.certificateArn(arn)).certificate(),
        owned,
        served);
  }

  static Filter filter(String name, String value) {
    return Filter.builder().name(name).values(value).build();
  }

  private static Set<String> lowerSet(List<String> names) {
    Set<String> set = new HashSet<>();
    names.forEach(n -> set.add(n.toLowerCase(Locale.ROOT)));
    return set;
  }
}
