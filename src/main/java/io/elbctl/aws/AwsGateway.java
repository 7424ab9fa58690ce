package io.elbctl.aws;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.plan.Destroyer;
import io.elbctl.plan.Diagnosis;
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
import io.elbctl.plan.Inventory.ValidationRecord;
import io.elbctl.plan.Ownership;
import io.elbctl.plan.Planner;
import io.elbctl.spec.HealthCheck;
import io.elbctl.spec.Spec;
import io.elbctl.spec.Target;
import io.elbctl.spec.TargetGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.ListCertificatesResponse;
import software.amazon.awssdk.services.acm.model.ValidationMethod;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RulePriorityPair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeBatch;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Everything elbctl asks of AWS, in SDK-free terms: one batched read of the {@link Inventory} and
 * one method per mutation. Every AWS failure becomes one sentence with the AWS error code.
 */
public final class AwsGateway {
  private static final int TAG_BATCH = 20;

  /** Error codes that mean "something still uses this resource": worth a bounded wait. */
  private static final Set<String> IN_USE_CODES =
      Set.of("ResourceInUse", "ResourceInUseException", "DependencyViolation");

  private final AwsClients clients;

  public AwsGateway(AwsClients clients) {
    this.clients = clients;
  }

  public CallStats stats() {
    return clients.stats();
  }

  /** Whether Elastic Load Balancing's service-linked role exists (doctor's read-only check). */
  public io.elbctl.plan.Diagnosis.RoleAnswer serviceLinkedRole() {
    return new ServiceLinkedRoles(clients).elasticLoadBalancing();
  }

  // ================================================================ reading

  /** Reads what exists for {@code spec} with read-only calls, in as few calls as the APIs allow. */
  public Inventory read(Spec spec) {
    return call(() -> new Reader(spec).read());
  }

  private final class Reader {
    private final Spec spec;

    Reader(Spec spec) {
      this.spec = spec;
    }

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
                  l ->
                      Ownership.owns(spec.name(), tags.getOrDefault(l.loadBalancerArn(), Map.of())))
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
            loadBalancerState(
                l,
                idleTimeout(l.loadBalancerArn()),
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

    private HostedZone zone() {
      String name = Planner.fqdn(spec.domain().hostedZone());
      var response = clients.route53().listHostedZonesByName(r -> r.dnsName(name).maxItems("100"));
      HostedZone privateZone = null;
      for (var zone : response.hostedZones()) {
        if (!Planner.fqdn(zone.name()).equals(name)) {
          continue;
        }
        boolean isPrivate =
            zone.config() != null && Boolean.TRUE.equals(zone.config().privateZone());
        HostedZone found = new HostedZone(bareZoneId(zone.id()), name, isPrivate);
        if (!isPrivate) {
          return found;
        }
        privateZone = found;
      }
      return privateZone;
    }

    private List<RecordSet> records(String zoneId) {
      List<RecordSet> records = new ArrayList<>();
      String nextName = null;
      String nextType = null;
      do {
        String startName = nextName;
        String startType = nextType;
        ListResourceRecordSetsResponse page =
            clients
                .route53()
                .listResourceRecordSets(
                    r ->
                        r.hostedZoneId(zoneId)
                            .startRecordName(startName)
                            .startRecordType(startType));
        for (ResourceRecordSet set : page.resourceRecordSets()) {
          AliasTarget alias = set.aliasTarget();
          records.add(
              new RecordSet(
                  Planner.fqdn(set.name()),
                  set.typeAsString(),
                  alias == null ? null : alias.dnsName(),
                  alias == null ? null : bareZoneId(alias.hostedZoneId()),
                  set.resourceRecords().stream().map(ResourceRecord::value).toList(),
                  set.ttl(),
                  alias != null && Boolean.TRUE.equals(alias.evaluateTargetHealth())));
        }
        // moto leaves IsTruncated out: never unbox it blindly.
        boolean more = Boolean.TRUE.equals(page.isTruncated());
        nextName = more ? page.nextRecordName() : null;
        nextType = more ? page.nextRecordTypeAsString() : null;
      } while (nextName != null);
      return records;
    }

    private List<software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer>
        loadBalancers() {
      try {
        // moto creates a second load balancer for a repeated name; AWS returns one.
        return clients
            .elb()
            .describeLoadBalancers(r -> r.names(spec.loadBalancer().name()))
            .loadBalancers();
      } catch (LoadBalancerNotFoundException e) {
        return List.of();
      }
    }

    private List<software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup>
        targetGroups() {
      Set<String> names = new HashSet<>();
      spec.targetGroups().forEach(g -> names.add(g.name()));
      return clients
          .elb()
          .describeTargetGroupsPaginator(r -> r.pageSize(400))
          .targetGroups()
          .stream()
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
          Map<String, String> map = new LinkedHashMap<>();
          description.tags().forEach(t -> map.put(t.key(), t.value()));
          tags.put(description.resourceArn(), map);
        }
      }
      return tags;
    }

    private Integer idleTimeout(String lbArn) {
      for (LoadBalancerAttribute attribute :
          clients
              .elb()
              .describeLoadBalancerAttributes(r -> r.loadBalancerArn(lbArn))
              .attributes()) {
        if (attribute.key().equals("idle_timeout.timeout_seconds")) {
          return Integer.valueOf(attribute.value());
        }
      }
      // AWS always reports the attribute; moto leaves out what was never set.
      return 60;
    }

    private TargetGroupState targetGroup(
        software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup g,
        Map<String, String> tags) {
      Map<String, String> attributes = new HashMap<>();
      for (TargetGroupAttribute attribute :
          clients
              .elb()
              .describeTargetGroupAttributes(r -> r.targetGroupArn(g.targetGroupArn()))
              .attributes()) {
        attributes.put(attribute.key(), attribute.value());
      }
      List<Target> targets = new ArrayList<>();
      for (TargetHealthDescription description :
          clients
              .elb()
              .describeTargetHealth(r -> r.targetGroupArn(g.targetGroupArn()))
              .targetHealthDescriptions()) {
        String state =
            description.targetHealth() == null ? "" : description.targetHealth().stateAsString();
        // A draining target is already deregistered; the spec no longer wants it.
        if (!"draining".equals(state)) {
          targets.add(new Target(description.target().id(), description.target().port()));
        }
      }
      String delay = attributes.get("deregistration_delay.timeout_seconds");
      Integer stickiness =
          "true".equals(attributes.get("stickiness.enabled"))
                  && "lb_cookie".equals(attributes.getOrDefault("stickiness.type", "lb_cookie"))
              ? Integer.valueOf(
                  attributes.getOrDefault("stickiness.lb_cookie.duration_seconds", "86400"))
              : null;
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
          targets,
          tags);
    }

    private List<CertificateState> certificates(List<ListenerState> listeners) {
      if (spec.certificate() == null) {
        return List.of();
      }
      Set<String> wanted = lowerSet(spec.certificate().allNames());
      List<CertificateState> found = new ArrayList<>();
      // The certificate the HTTPS listener already serves needs one call, not a listing.
      for (ListenerState listener : listeners) {
        if (listener.certificateArn() != null) {
          CertificateState served = certificate(listener.certificateArn(), false, true);
          found.add(served);
          if (lowerSet(served.names()).equals(wanted)
              && List.of("ISSUED", "PENDING_VALIDATION").contains(served.status())) {
            return found;
          }
        }
      }
      String domain = spec.certificate().domainName().toLowerCase(Locale.ROOT);
      String token = null;
      List<String> candidates = new ArrayList<>();
      do {
        String from = token;
        ListCertificatesResponse page =
            clients
                .acm()
                .listCertificates(
                    r ->
                        r.nextToken(from)
                            .certificateStatuses(
                                CertificateStatus.ISSUED, CertificateStatus.PENDING_VALIDATION));
        for (CertificateSummary summary : page.certificateSummaryList()) {
          if (domain.equals(summary.domainName().toLowerCase(Locale.ROOT))) {
            candidates.add(summary.certificateArn());
          }
        }
        token = page.nextToken();
      } while (token != null);
      for (String arn : candidates) {
        Map<String, String> tags = new HashMap<>();
        clients
            .acm()
            .listTagsForCertificate(r -> r.certificateArn(arn))
            .tags()
            .forEach(t -> tags.put(t.key(), t.value() == null ? "" : t.value()));
        if (Ownership.owns(spec.name(), tags)) {
          found.add(certificate(arn, true, false));
        }
      }
      return found;
    }

    private NetworkState network(boolean loadBalancerMissing) {
      String vpcId = spec.network().vpcId();
      boolean defaultVpc = "default".equals(vpcId);
      if (defaultVpc) {
        var vpcs = clients.ec2().describeVpcs(r -> r.filters(filter("isDefault", "true"))).vpcs();
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
            .describeSubnets(r -> r.filters(filters))
            .subnets()
            .forEach(s -> subnets.add(new Inventory.Subnet(s.subnetId(), s.availabilityZone())));
      }
      SecurityGroupState group = null;
      if (spec.network().securityGroups().isEmpty()) {
        String vpc = vpcId;
        var groups =
            clients
                .ec2()
                .describeSecurityGroups(
                    r ->
                        r.filters(
                            filter("group-name", Planner.securityGroupName(spec)),
                            filter("vpc-id", vpc)))
                .securityGroups();
        if (!groups.isEmpty()) {
          var g = groups.get(0);
          Map<String, String> tags = new HashMap<>();
          g.tags().forEach(t -> tags.put(t.key(), t.value()));
          group = new SecurityGroupState(g.groupId(), g.groupName(), tags);
        }
      }
      return new NetworkState(vpcId, subnets, group);
    }
  }

  private CertificateState certificate(String arn, boolean owned, boolean served) {
    CertificateDetail detail =
        clients.acm().describeCertificate(r -> r.certificateArn(arn)).certificate();
    List<String> names = new ArrayList<>();
    names.add(detail.domainName());
    for (String san : detail.subjectAlternativeNames()) {
      if (!names.contains(san)) {
        names.add(san);
      }
    }
    List<ValidationRecord> records = new ArrayList<>();
    for (DomainValidation validation : detail.domainValidationOptions()) {
      if (validation.resourceRecord() != null) {
        records.add(
            new ValidationRecord(
                validation.resourceRecord().name(),
                validation.resourceRecord().typeAsString(),
                validation.resourceRecord().value()));
      }
    }
    return new CertificateState(arn, detail.statusAsString(), names, owned, served, records);
  }

  /**
   * The certificate's status and validation records; records are missing for a few seconds after a
   * request on AWS.
   */
  public CertificateState certificate(String arn) {
    return call(() -> certificate(arn, true, false));
  }

  /** The spec's public hosted zone, if it exists (one read-only call). */
  public java.util.Optional<HostedZone> hostedZone(Spec spec) {
    return call(() -> java.util.Optional.ofNullable(new Reader(spec).zone()));
  }

  // ================================================================ doctor reads

  /** The name servers Route 53 assigned to the hosted zone (its delegation set). */
  public List<String> zoneNameServers(String zoneId) {
    return call(
        () -> {
          var response = clients.route53().getHostedZone(r -> r.id(zoneId));
          return response.delegationSet() == null
              ? List.<String>of()
              : response.delegationSet().nameServers();
        });
  }

  /**
   * The subnets the load balancer uses, else the spec's, else the VPC's default ones, each with
   * whether its route table (explicit, else the VPC's main one) sends 0.0.0.0/0 to an internet
   * gateway.
   */
  public List<Diagnosis.SubnetRoute> subnetRoutes(Spec spec, Inventory inventory) {
    return call(
        () -> {
          List<String> ids =
              inventory.loadBalancer() != null
                  ? inventory.loadBalancer().subnets()
                  : spec.network().subnets();
          List<software.amazon.awssdk.services.ec2.model.Subnet> subnets;
          if (!ids.isEmpty()) {
            subnets = clients.ec2().describeSubnets(r -> r.subnetIds(ids)).subnets();
          } else {
            String vpc = spec.network().vpcId();
            List<Filter> filters = new ArrayList<>();
            if ("default".equals(vpc)) {
              filters.add(filter("default-for-az", "true"));
            } else {
              filters.add(filter("vpc-id", vpc));
            }
            subnets = clients.ec2().describeSubnets(r -> r.filters(filters)).subnets();
          }
          if (subnets.isEmpty()) {
            return List.of();
          }
          String vpcId = subnets.get(0).vpcId();
          var tables =
              clients
                  .ec2()
                  .describeRouteTables(r -> r.filters(filter("vpc-id", vpcId)))
                  .routeTables();
          Map<String, Boolean> bySubnet = new HashMap<>();
          Boolean main = null;
          for (var table : tables) {
            boolean igw =
                table.routes().stream()
                    .anyMatch(
                        route ->
                            "0.0.0.0/0".equals(route.destinationCidrBlock())
                                && route.gatewayId() != null
                                && route.gatewayId().startsWith("igw-"));
            for (var association : table.associations()) {
              if (Boolean.TRUE.equals(association.main())) {
                main = igw;
              } else if (association.subnetId() != null) {
                bySubnet.put(association.subnetId(), igw);
              }
            }
          }
          List<Diagnosis.SubnetRoute> routes = new ArrayList<>();
          for (var subnet : subnets) {
            Boolean igw = bySubnet.getOrDefault(subnet.subnetId(), main);
            routes.add(
                new Diagnosis.SubnetRoute(
                    subnet.subnetId(), subnet.availabilityZone(), Boolean.TRUE.equals(igw)));
          }
          return routes;
        });
  }

  // ================================================================ destroy reads

  /** What destroy needs beyond the inventory: its security group and every owned certificate. */
  public Destroyer.Inputs destroyInputs(Spec spec) {
    return call(
        () -> {
          SecurityGroupState group = null;
          if (spec.network().securityGroups().isEmpty()) {
            var groups =
                clients
                    .ec2()
                    .describeSecurityGroups(
                        r -> r.filters(filter("group-name", Planner.securityGroupName(spec))))
                    .securityGroups();
            for (var g : groups) {
              Map<String, String> tags = new HashMap<>();
              g.tags().forEach(t -> tags.put(t.key(), t.value()));
              if (group == null || Ownership.owns(spec.name(), tags)) {
                group = new SecurityGroupState(g.groupId(), g.groupName(), tags);
              }
            }
          }
          List<String> arns = new ArrayList<>();
          String token = null;
          do {
            String from = token;
            ListCertificatesResponse page = clients.acm().listCertificates(r -> r.nextToken(from));
            page.certificateSummaryList().forEach(c -> arns.add(c.certificateArn()));
            token = page.nextToken();
          } while (token != null);
          List<Destroyer.OwnedCertificate> owned = new ArrayList<>();
          Set<String> others = new HashSet<>();
          for (String arn : arns) {
            Map<String, String> tags = new HashMap<>();
            clients
                .acm()
                .listTagsForCertificate(r -> r.certificateArn(arn))
                .tags()
                .forEach(t -> tags.put(t.key(), t.value() == null ? "" : t.value()));
            CertificateDetail detail =
                clients.acm().describeCertificate(r -> r.certificateArn(arn)).certificate();
            List<ValidationRecord> records = validationRecords(detail);
            if (Ownership.owns(spec.name(), tags)) {
              owned.add(
                  new Destroyer.OwnedCertificate(arn, names(detail), records, detail.inUseBy()));
            } else {
              records.forEach(r -> others.add(r.name()));
            }
          }
          return new Destroyer.Inputs(group, owned, others);
        });
  }

  private static List<String> names(CertificateDetail detail) {
    List<String> names = new ArrayList<>();
    names.add(detail.domainName());
    for (String san : detail.subjectAlternativeNames()) {
      if (!names.contains(san)) {
        names.add(san);
      }
    }
    return names;
  }

  private static List<ValidationRecord> validationRecords(CertificateDetail detail) {
    List<ValidationRecord> records = new ArrayList<>();
    for (DomainValidation validation : detail.domainValidationOptions()) {
      if (validation.resourceRecord() != null) {
        records.add(
            new ValidationRecord(
                validation.resourceRecord().name(),
                validation.resourceRecord().typeAsString(),
                validation.resourceRecord().value()));
      }
    }
    return records;
  }

  /** True while DescribeLoadBalancers still lists the load balancer. */
  public boolean loadBalancerExists(String arn) {
    return call(
        () -> {
          try {
            return !clients
                .elb()
                .describeLoadBalancers(r -> r.loadBalancerArns(arn))
                .loadBalancers()
                .isEmpty();
          } catch (LoadBalancerNotFoundException e) {
            return false;
          }
        });
  }

  // ================================================================ destroy

  public void deleteLoadBalancer(String arn) {
    call(() -> clients.elb().deleteLoadBalancer(r -> r.loadBalancerArn(arn)));
  }

  /** Deletes a security group; {@link StillInUseException} while network interfaces use it. */
  public void deleteSecurityGroup(String id) {
    call(() -> clients.ec2().deleteSecurityGroup(r -> r.groupId(id)));
  }

  /** Deletes a target group; {@link StillInUseException} while a listener or rule uses it. */
  public void deleteTargetGroup(String arn) {
    call(() -> clients.elb().deleteTargetGroup(r -> r.targetGroupArn(arn)));
  }

  /** Deletes a certificate; {@link StillInUseException} while a listener uses it. */
  public void deleteCertificate(String arn) {
    call(() -> clients.acm().deleteCertificate(r -> r.certificateArn(arn)));
  }

  // ================================================================ mutations

  public String requestCertificate(
      List<String> names, String idempotencyToken, Map<String, String> tags) {
    return call(
        () ->
            clients
                .acm()
                .requestCertificate(
                    r ->
                        r.domainName(names.get(0))
                            .subjectAlternativeNames(names)
                            .validationMethod(ValidationMethod.DNS)
                            .idempotencyToken(idempotencyToken)
                            .tags(
                                tags.entrySet().stream()
                                    .map(
                                        e ->
                                            software.amazon.awssdk.services.acm.model.Tag.builder()
                                                .key(e.getKey())
                                                .value(e.getValue())
                                                .build())
                                    .toList()))
                .certificateArn());
  }

  /** UPSERTs CNAME records (TTL 300) in one batch; returns the change id to wait on. */
  public String upsertCnames(String zoneId, List<ValidationRecord> records) {
    List<software.amazon.awssdk.services.route53.model.Change> changes = new ArrayList<>();
    for (ValidationRecord record : records) {
      changes.add(
          software.amazon.awssdk.services.route53.model.Change.builder()
              .action(ChangeAction.UPSERT)
              .resourceRecordSet(
                  ResourceRecordSet.builder()
                      .name(record.name())
                      .type(record.type())
                      .ttl(300L)
                      .resourceRecords(ResourceRecord.builder().value(record.value()).build())
                      .build())
              .build());
    }
    return change(zoneId, changes);
  }

  /**
   * UPSERTs alias records to the load balancer, and the TXT records that mark them as the spec's,
   * in one batch; returns the change id.
   */
  public String upsertAliases(
      String zoneId,
      List<String[]> nameAndType,
      String aliasDnsName,
      String aliasZoneId,
      List<String> markerNames,
      String markerValue) {
    List<software.amazon.awssdk.services.route53.model.Change> changes = new ArrayList<>();
    for (String name : markerNames) {
      changes.add(
          software.amazon.awssdk.services.route53.model.Change.builder()
              .action(ChangeAction.UPSERT)
              .resourceRecordSet(
                  ResourceRecordSet.builder()
                      .name(name)
                      .type("TXT")
                      .ttl(300L)
                      .resourceRecords(ResourceRecord.builder().value(markerValue).build())
                      .build())
              .build());
    }
    for (String[] record : nameAndType) {
      changes.add(
          software.amazon.awssdk.services.route53.model.Change.builder()
              .action(ChangeAction.UPSERT)
              .resourceRecordSet(
                  ResourceRecordSet.builder()
                      .name(Planner.fqdn(record[0]))
                      .type(record[1])
                      .aliasTarget(
                          AliasTarget.builder()
                              .dnsName(aliasDnsName)
                              .hostedZoneId(aliasZoneId)
                              .evaluateTargetHealth(true)
                              .build())
                      .build())
              .build());
    }
    return change(zoneId, changes);
  }

  /** DELETEs record sets exactly as they were read, in one batch; returns the change id. */
  public String deleteRecords(String zoneId, List<RecordSet> records) {
    List<software.amazon.awssdk.services.route53.model.Change> changes = new ArrayList<>();
    for (RecordSet record : records) {
      ResourceRecordSet.Builder set =
          ResourceRecordSet.builder().name(record.name()).type(record.type());
      if (record.aliasDnsName() != null) {
        set.aliasTarget(
            AliasTarget.builder()
                .dnsName(record.aliasDnsName())
                .hostedZoneId(record.aliasZoneId())
                .evaluateTargetHealth(record.evaluateTargetHealth())
                .build());
      } else {
        set.ttl(record.ttl())
            .resourceRecords(
                record.values().stream()
                    .map(v -> ResourceRecord.builder().value(v).build())
                    .toList());
      }
      changes.add(
          software.amazon.awssdk.services.route53.model.Change.builder()
              .action(ChangeAction.DELETE)
              .resourceRecordSet(set.build())
              .build());
    }
    return change(zoneId, changes);
  }

  private String change(
      String zoneId, List<software.amazon.awssdk.services.route53.model.Change> changes) {
    return call(
        () ->
            clients
                .route53()
                .changeResourceRecordSets(
                    r ->
                        r.hostedZoneId(zoneId)
                            .changeBatch(ChangeBatch.builder().changes(changes).build()))
                .changeInfo()
                .id());
  }

  /** PENDING or INSYNC. */
  public String changeStatus(String changeId) {
    return call(
        () -> clients.route53().getChange(r -> r.id(changeId)).changeInfo().statusAsString());
  }

  public String createTargetGroup(TargetGroup group, String vpcId, Map<String, String> tags) {
    HealthCheck h = group.healthCheck();
    return call(
        () ->
            clients
                .elb()
                .createTargetGroup(
                    r ->
                        r.name(group.name())
                            .protocol(group.protocol())
                            .port(group.port())
                            .targetType(group.targetType())
                            .vpcId(vpcId)
                            .healthCheckEnabled(true)
                            .healthCheckProtocol(
                                h.protocol() == null ? group.protocol() : h.protocol())
                            .healthCheckPort(h.port())
                            .healthCheckPath(h.path())
                            .healthCheckIntervalSeconds(h.intervalSeconds())
                            .healthCheckTimeoutSeconds(h.timeoutSeconds())
                            .healthyThresholdCount(h.healthyThreshold())
                            .unhealthyThresholdCount(h.unhealthyThreshold())
                            .matcher(Matcher.builder().httpCode(h.matcher()).build())
                            .tags(elbTags(tags)))
                .targetGroups()
                .get(0)
                .targetGroupArn());
  }

  public void modifyHealthCheck(String arn, TargetGroup group) {
    HealthCheck h = group.healthCheck();
    call(
        () ->
            clients
                .elb()
                .modifyTargetGroup(
                    r ->
                        r.targetGroupArn(arn)
                            .healthCheckProtocol(
                                h.protocol() == null ? group.protocol() : h.protocol())
                            .healthCheckPort(h.port())
                            .healthCheckPath(h.path())
                            .healthCheckIntervalSeconds(h.intervalSeconds())
                            .healthCheckTimeoutSeconds(h.timeoutSeconds())
                            .healthyThresholdCount(h.healthyThreshold())
                            .unhealthyThresholdCount(h.unhealthyThreshold())
                            .matcher(Matcher.builder().httpCode(h.matcher()).build())));
  }

  public void modifyAttributes(String arn, TargetGroup group) {
    List<TargetGroupAttribute> attributes = new ArrayList<>();
    attributes.add(
        attribute("deregistration_delay.timeout_seconds", group.deregistrationDelaySeconds()));
    attributes.add(attribute("stickiness.enabled", group.stickinessSeconds() != null));
    if (group.stickinessSeconds() != null) {
      attributes.add(attribute("stickiness.type", "lb_cookie"));
      attributes.add(attribute("stickiness.lb_cookie.duration_seconds", group.stickinessSeconds()));
    }
    call(
        () ->
            clients
                .elb()
                .modifyTargetGroupAttributes(r -> r.targetGroupArn(arn).attributes(attributes)));
  }

  private static TargetGroupAttribute attribute(String key, Object value) {
    return TargetGroupAttribute.builder().key(key).value(String.valueOf(value)).build();
  }

  public void registerTargets(String arn, List<Target> targets) {
    call(() -> clients.elb().registerTargets(r -> r.targetGroupArn(arn).targets(targets(targets))));
  }

  public void deregisterTargets(String arn, List<Target> targets) {
    call(
        () ->
            clients.elb().deregisterTargets(r -> r.targetGroupArn(arn).targets(targets(targets))));
  }

  private static List<TargetDescription> targets(List<Target> targets) {
    return targets.stream()
        .map(t -> TargetDescription.builder().id(t.id()).port(t.port()).build())
        .toList();
  }

  /** Creates a security group open on 80 and 443 (IPv4 and IPv6); returns its id. */
  public String createSecurityGroup(
      String name, String vpcId, String description, Map<String, String> tags) {
    return call(
        () -> {
          String id =
              clients
                  .ec2()
                  .createSecurityGroup(
                      r ->
                          r.groupName(name)
                              .description(description)
                              .vpcId(vpcId)
                              .tagSpecifications(
                                  TagSpecification.builder()
                                      .resourceType(ResourceType.SECURITY_GROUP)
                                      .tags(
                                          tags.entrySet().stream()
                                              .map(
                                                  e ->
                                                      software.amazon.awssdk.services.ec2.model.Tag
                                                          .builder()
                                                          .key(e.getKey())
                                                          .value(e.getValue())
                                                          .build())
                                              .toList())
                                      .build()))
                  .groupId();
          authorizeWebIngress(id);
          return id;
        });
  }

  /**
   * Opens 80 and 443 on a security group elbctl created; a group that is open already (a run that
   * stopped after this call) is left as it is.
   */
  public void allowWebTraffic(String groupId) {
    call(() -> authorizeWebIngress(groupId));
  }

  private void authorizeWebIngress(String groupId) {
    List<IpPermission> permissions = new ArrayList<>();
    for (int port : new int[] {80, 443}) {
      permissions.add(
          IpPermission.builder()
              .ipProtocol("tcp")
              .fromPort(port)
              .toPort(port)
              .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build())
              .ipv6Ranges(Ipv6Range.builder().cidrIpv6("::/0").build())
              .build());
    }
    try {
      clients
          .ec2()
          .authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(permissions));
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      if (!"InvalidPermission.Duplicate".equals(code)) {
        throw e;
      }
    }
  }

  public String createLoadBalancer(
      io.elbctl.spec.LoadBalancer lb,
      List<String> subnets,
      List<String> securityGroups,
      Map<String, String> tags) {
    return call(
        () ->
            clients
                .elb()
                .createLoadBalancer(
                    r ->
                        r.name(lb.name())
                            .type("application")
                            .scheme(lb.scheme())
                            .ipAddressType(lb.ipAddressType())
                            .subnets(subnets)
                            .securityGroups(securityGroups)
                            .tags(elbTags(tags)))
                .loadBalancers()
                .get(0)
                .loadBalancerArn());
  }

  /** The load balancer's state, DNS name and canonical hosted zone, as a poll reads them. */
  public LoadBalancerState loadBalancer(String arn) {
    return call(
        () -> {
          var l =
              clients
                  .elb()
                  .describeLoadBalancers(r -> r.loadBalancerArns(arn))
                  .loadBalancers()
                  .get(0);
          return loadBalancerState(l, null, Map.of());
        });
  }

  public void setIdleTimeout(String arn, int seconds) {
    call(
        () ->
            clients
                .elb()
                .modifyLoadBalancerAttributes(
                    r ->
                        r.loadBalancerArn(arn)
                            .attributes(
                                LoadBalancerAttribute.builder()
                                    .key("idle_timeout.timeout_seconds")
                                    .value(String.valueOf(seconds))
                                    .build())));
  }

  public void setSecurityGroups(String arn, List<String> securityGroups) {
    call(
        () ->
            clients
                .elb()
                .setSecurityGroups(r -> r.loadBalancerArn(arn).securityGroups(securityGroups)));
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
    return call(
        () ->
            clients
                .elb()
                .createListener(
                    r -> {
                      r.loadBalancerArn(lbArn)
                          .port(listener.port())
                          .protocol(listener.protocol())
                          .defaultActions(ElbTranslation.actions(listener.defaultAction(), arnOf))
                          .tags(elbTags(tags));
                      if (listener.https()) {
                        r.sslPolicy(listener.sslPolicy())
                            .certificates(
                                software.amazon.awssdk.services.elasticloadbalancingv2.model
                                    .Certificate.builder()
                                    .certificateArn(certificateArn)
                                    .build());
                      }
                    })
                .listeners()
                .get(0)
                .listenerArn());
  }

  public void modifyListener(
      String arn,
      io.elbctl.spec.Listener listener,
      String certificateArn,
      Function<String, String> arnOf) {
    call(
        () ->
            clients
                .elb()
                .modifyListener(
                    r -> {
                      r.listenerArn(arn)
                          .port(listener.port())
                          .protocol(listener.protocol())
                          .defaultActions(ElbTranslation.actions(listener.defaultAction(), arnOf));
                      if (listener.https()) {
                        r.sslPolicy(listener.sslPolicy())
                            .certificates(
                                software.amazon.awssdk.services.elasticloadbalancingv2.model
                                    .Certificate.builder()
                                    .certificateArn(certificateArn)
                                    .build());
                      }
                    }));
  }

  public void deleteListener(String arn) {
    call(() -> clients.elb().deleteListener(r -> r.listenerArn(arn)));
  }

  public String createRule(
      String listenerArn,
      io.elbctl.spec.Rule rule,
      Function<String, String> arnOf,
      Map<String, String> tags) {
    return call(
        () ->
            clients
                .elb()
                .createRule(
                    r ->
                        r.listenerArn(listenerArn)
                            .priority(rule.priority())
                            .conditions(ElbTranslation.conditions(rule.conditions()))
                            .actions(ElbTranslation.actions(rule.action(), arnOf))
                            .tags(elbTags(tags)))
                .rules()
                .get(0)
                .ruleArn());
  }

  /** Replaces the whole condition and action lists of a rule, as ModifyRule requires. */
  public void modifyRule(String arn, io.elbctl.spec.Rule rule, Function<String, String> arnOf) {
    call(
        () ->
            clients
                .elb()
                .modifyRule(
                    r ->
                        r.ruleArn(arn)
                            .conditions(ElbTranslation.conditions(rule.conditions()))
                            .actions(ElbTranslation.actions(rule.action(), arnOf))));
  }

  public void setRulePriority(String arn, int priority) {
    call(
        () ->
            clients
                .elb()
                .setRulePriorities(
                    r ->
                        r.rulePriorities(
                            RulePriorityPair.builder().ruleArn(arn).priority(priority).build())));
  }

  public void deleteRule(String arn) {
    call(() -> clients.elb().deleteRule(r -> r.ruleArn(arn)));
  }

  /** Adds or overwrites tags on a load balancer, listener, rule or target group. */
  public void addTags(String arn, Map<String, String> tags) {
    call(() -> clients.elb().addTags(r -> r.resourceArns(arn).tags(elbTags(tags))));
  }

  /** Adds or overwrites tags on a security group. */
  public void tagSecurityGroup(String id, Map<String, String> tags) {
    call(
        () ->
            clients
                .ec2()
                .createTags(
                    r ->
                        r.resources(id)
                            .tags(
                                tags.entrySet().stream()
                                    .map(
                                        e ->
                                            software.amazon.awssdk.services.ec2.model.Tag.builder()
                                                .key(e.getKey())
                                                .value(e.getValue())
                                                .build())
                                    .toList())));
  }

  // ================================================================ helpers

  private static List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag> elbTags(
      Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(
            e ->
                software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder()
                    .key(e.getKey())
                    .value(e.getValue())
                    .build())
        .toList();
  }

  private static Filter filter(String name, String value) {
    return Filter.builder().name(name).values(value).build();
  }

  private static Set<String> lowerSet(List<String> names) {
    Set<String> set = new HashSet<>();
    names.forEach(n -> set.add(n.toLowerCase(Locale.ROOT)));
    return set;
  }

  /** Route 53 ids come back as "/hostedzone/Z…"; AliasTarget and later calls want "Z…". */
  static String bareZoneId(String id) {
    if (id == null) {
      return null;
    }
    int slash = id.lastIndexOf('/');
    return slash < 0 ? id : id.substring(slash + 1);
  }

  private void call(Runnable action) {
    call(
        () -> {
          action.run();
          return null;
        });
  }

  <T> T call(Supplier<T> action) {
    try {
      return action.get();
    } catch (AwsServiceException e) {
      String operation = clients.stats().lastFailedOperation();
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      String message =
          e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
              ? e.awsErrorDetails().errorMessage()
              : e.getMessage();
      String sentence =
          "AWS refused "
              + (operation == null ? "a call" : operation)
              + ": "
              + stripPeriod(message)
              + " ("
              + (code == null ? "HTTP " + e.statusCode() : code)
              + ").";
      if (code != null && IN_USE_CODES.contains(code)) {
        throw new StillInUseException(sentence, e);
      }
      throw new ElbctlException(ExitCode.ERROR, sentence, e);
    } catch (SdkClientException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (message.contains("credentials")) {
        throw new ElbctlException(
            ExitCode.ERROR,
            "no AWS credentials found: use --profile NAME, set AWS_PROFILE, or set"
                + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
            e);
      }
      throw new ElbctlException(
          ExitCode.ERROR,
          "cannot reach AWS"
              + (clients.settings().endpointUrl() == null
                  ? ""
                  : " at " + clients.settings().endpointUrl())
              + ": "
              + stripPeriod(firstLine(message))
              + ".",
          e);
    } catch (SdkException e) {
      throw new ElbctlException(ExitCode.ERROR, "AWS call failed: " + firstLine(e.getMessage()), e);
    }
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static String stripPeriod(String text) {
    String trimmed = text.strip();
    return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }

  /** The SDK-free view of a described load balancer. */
  private static LoadBalancerState loadBalancerState(
      software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer l,
      Integer idleTimeout,
      Map<String, String> tags) {
    return new LoadBalancerState(
        l.loadBalancerArn(),
        l.loadBalancerName(),
        l.dnsName(),
        l.canonicalHostedZoneId(),
        l.state() == null ? null : l.state().codeAsString(),
        l.schemeAsString(),
        l.ipAddressTypeAsString(),
        l.availabilityZones().stream().map(z -> z.subnetId()).toList(),
        l.securityGroups(),
        idleTimeout,
        tags);
  }
}
