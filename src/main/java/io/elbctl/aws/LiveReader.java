package io.elbctl.aws;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.live.LiveAlb;
import io.elbctl.live.LiveAlb.LiveAction;
import io.elbctl.live.LiveAlb.LiveCertificate;
import io.elbctl.live.LiveAlb.LiveListener;
import io.elbctl.live.LiveAlb.LiveRule;
import io.elbctl.live.LiveAlb.LiveTargetGroup;
import io.elbctl.live.LiveAlb.TargetHealthState;
import io.elbctl.plan.Inventory.HostedZone;
import io.elbctl.plan.Inventory.LoadBalancerState;
import io.elbctl.plan.Inventory.RecordSet;
import io.elbctl.plan.ResourceNames;
import io.elbctl.spec.DnsName;
import io.elbctl.spec.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Reads one live load balancer by name or ARN into a {@link LiveAlb}, with read-only calls: its
 * attributes, listeners and their certificates, rules, target groups with their targets' health,
 * the ACM certificates it serves and the Route 53 alias records that point at it.
 */
final class LiveReader {
  private final AwsClients clients;

  LiveReader(AwsClients clients) {
    this.clients = clients;
  }

  /** Reads the load balancer; {@code zoneName} null looks in the zones of its certificates. */
  LiveAlb read(String nameOrArn, String zoneName) {
    LoadBalancer lb = loadBalancer(nameOrArn);
    String lbArn = lb.loadBalancerArn();
    Map<String, String> attributes = LoadBalancerAttributes.readAll(clients, lbArn);
    LoadBalancerState state =
        ElbTranslation.loadBalancerState(lb, LoadBalancerAttributes.of(attributes), Map.of());
    List<TargetGroup> groups =
        clients
            .elb()
            .describeTargetGroupsPaginator(r -> r.loadBalancerArn(lbArn))
            .targetGroups()
            .stream()
            .toList();
    Map<String, String> groupNames = new HashMap<>();
    groups.forEach(g -> groupNames.put(g.targetGroupArn(), g.targetGroupName()));
    Function<String, String> nameOf = arn -> groupNames.getOrDefault(arn, arn);
    List<LiveListener> listeners = new ArrayList<>();
    for (Listener listener :
        clients.elb().describeListenersPaginator(r -> r.loadBalancerArn(lbArn)).listeners()) {
      listeners.add(listener(listener, nameOf));
    }
    List<LiveTargetGroup> liveGroups = new ArrayList<>();
    for (TargetGroup g : groups) {
      liveGroups.add(targetGroup(g));
    }
    List<LiveCertificate> certificates = certificates(listeners);
    HostedZone zone = zone(zoneName, certificates, state);
    List<RecordSet> aliases =
        zone == null ? List.of() : aliases(InventoryReader.records(clients, zone.id()), state);
    return new LiveAlb(
        clients.settings().region(),
        state,
        lb.vpcId(),
        attributes,
        listeners,
        liveGroups,
        certificates,
        zone,
        aliases);
  }

  private LoadBalancer loadBalancer(String nameOrArn) {
    boolean arn = nameOrArn.startsWith("arn:");
    try {
      // moto makes a second load balancer for a repeated name; AWS has one per name.
      return clients
          .elb()
          .describeLoadBalancers(
              r -> {
                if (arn) {
                  r.loadBalancerArns(nameOrArn);
                } else {
                  r.names(nameOrArn);
                }
              })
          .loadBalancers()
          .stream()
          .findFirst()
          .orElseThrow(() -> notFound(nameOrArn));
    } catch (LoadBalancerNotFoundException e) {
      throw notFound(nameOrArn);
    }
  }

  private ElbctlException notFound(String nameOrArn) {
    return new ElbctlException(
        ExitCode.ERROR,
        "no load balancer "
            + nameOrArn
            + " in region "
            + clients.settings().region()
            + " (check the name and --region).");
  }

  private LiveListener listener(Listener listener, Function<String, String> nameOf) {
    String arn = listener.listenerArn();
    String defaultCertificate =
        listener.certificates().isEmpty() ? null : listener.certificates().get(0).certificateArn();
    List<String> extra = new ArrayList<>();
    if (defaultCertificate != null) {
      for (Certificate c :
          clients
              .elb()
              .describeListenerCertificatesPaginator(r -> r.listenerArn(arn))
              .certificates()) {
        if (!Boolean.TRUE.equals(c.isDefault()) && !c.certificateArn().equals(defaultCertificate)) {
          extra.add(c.certificateArn());
        }
      }
    }
    List<LiveRule> rules = new ArrayList<>();
    for (Rule rule :
        clients.elb().describeRulesPaginator(r -> r.listenerArn(arn).pageSize(400)).rules()) {
      if (!Boolean.TRUE.equals(rule.isDefault())) {
        rules.add(rule(rule, nameOf));
      }
    }
    return new LiveListener(
        arn,
        listener.port(),
        listener.protocolAsString(),
        listener.sslPolicy(),
        defaultCertificate,
        extra,
        listener.mutualAuthentication() == null ? null : listener.mutualAuthentication().mode(),
        actions(listener.defaultActions(), nameOf),
        rules);
  }

  private static LiveRule rule(Rule rule, Function<String, String> nameOf) {
    return new LiveRule(
        rule.ruleArn(),
        Integer.parseInt(rule.priority()),
        rule.conditions().stream().map(RuleCondition::field).toList(),
        ElbTranslation.conditions(rule.conditions()),
        actions(rule.actions(), nameOf),
        RuleTransformTranslation.transforms(rule.transforms()));
  }

  private static List<LiveAction> actions(List<Action> actions, Function<String, String> nameOf) {
    List<LiveAction> live = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      Action action = actions.get(i);
      live.add(
          new LiveAction(
              action.typeAsString(),
              action.order() == null ? i + 1 : action.order(),
              ElbTranslation.action(List.of(action), nameOf),
              AuthTranslation.authenticate(List.of(action))));
    }
    return live;
  }

  private LiveTargetGroup targetGroup(TargetGroup g) {
    Map<String, String> attributes =
        InventoryReader.targetGroupAttributes(clients, g.targetGroupArn());
    List<TargetHealthDescription> health = InventoryReader.targetHealth(clients, g);
    List<TargetHealthState> states = new ArrayList<>();
    for (TargetHealthDescription d : health) {
      var h = d.targetHealth();
      states.add(
          new TargetHealthState(
              new Target(d.target().id(), d.target().port()),
              h == null ? null : h.stateAsString(),
              h == null ? null : h.reasonAsString(),
              h == null ? null : h.description()));
    }
    return new LiveTargetGroup(
        InventoryReader.targetGroupState(g, attributes, health, Map.of()),
        g.protocolVersion(),
        attributes,
        states);
  }

  private List<LiveCertificate> certificates(List<LiveListener> listeners) {
    Set<String> arns = new LinkedHashSet<>();
    listeners.forEach(
        l -> {
          List<String> served = new ArrayList<>(l.extraCertificateArns());
          if (l.defaultCertificateArn() != null) {
            served.add(0, l.defaultCertificateArn());
          }
          served.stream().filter(arn -> arn.contains(":acm:")).forEach(arns::add);
        });
    List<LiveCertificate> certificates = new ArrayList<>();
    for (String arn : arns) {
      CertificateDetail detail =
          clients.acm().describeCertificate(r -> r.certificateArn(arn)).certificate();
      List<String> names = AcmTranslation.names(detail);
      certificates.add(
          new LiveCertificate(
              arn,
              detail.domainName(),
              names.subList(1, names.size()),
              detail.statusAsString(),
              detail.notAfter(),
              detail.renewalEligibilityAsString()));
    }
    return certificates;
  }

  /**
   * The named zone, else the first public zone named after a certificate name or one of its parents
   * that holds an alias to the load balancer.
   */
  private HostedZone zone(
      String zoneName, List<LiveCertificate> certificates, LoadBalancerState lb) {
    if (zoneName != null) {
      HostedZone zone = InventoryReader.zone(clients, zoneName);
      if (zone == null) {
        throw new ElbctlException(
            ExitCode.ERROR, "no Route 53 hosted zone is named " + DnsName.fqdn(zoneName) + ".");
      }
      return zone;
    }
    Set<String> candidates = new LinkedHashSet<>();
    for (LiveCertificate certificate : certificates) {
      List<String> names = new ArrayList<>(List.of(certificate.domainName()));
      names.addAll(certificate.subjectAlternativeNames());
      for (String name : names) {
        String[] labels = name.replaceFirst("^\\*\\.", "").split("\\.");
        for (int i = 0; i + 2 <= labels.length; i++) {
          candidates.add(String.join(".", List.of(labels).subList(i, labels.length)));
        }
      }
    }
    for (String candidate : candidates) {
      HostedZone zone = InventoryReader.zone(clients, candidate);
      if (zone != null
          && !zone.privateZone()
          && !aliases(InventoryReader.records(clients, zone.id()), lb).isEmpty()) {
        return zone;
      }
    }
    return null;
  }

  /** The A and AAAA alias records that point at the load balancer, with or without dualstack. */
  static List<RecordSet> aliases(List<RecordSet> records, LoadBalancerState lb) {
    String target = DnsName.fqdn(ResourceNames.aliasTarget(lb.dnsName()));
    return records.stream()
        .filter(r -> r.aliasDnsName() != null && List.of("A", "AAAA").contains(r.type()))
        .filter(
            r ->
                DnsName.fqdn(ResourceNames.aliasTarget(r.aliasDnsName())).equals(target)
                    && lb.canonicalHostedZoneId().equals(r.aliasZoneId()))
        .toList();
  }
}
