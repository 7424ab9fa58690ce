package io.elbctl.plan;

import io.elbctl.plan.Inventory.CertificateState;
import io.elbctl.plan.Inventory.HostedZone;
import io.elbctl.plan.Inventory.ListenerState;
import io.elbctl.plan.Inventory.LoadBalancerState;
import io.elbctl.plan.Inventory.NetworkState;
import io.elbctl.plan.Inventory.RecordSet;
import io.elbctl.plan.Inventory.RuleState;
import io.elbctl.plan.Inventory.TargetGroupState;
import io.elbctl.spec.Target;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Copies of inventory records with some members replaced, so a planner table row names only what it
 * changes: {@code InventoryEdit.of(inv, e -> e.records = List.of())}.
 */
final class InventoryEdit {
  HostedZone zone;
  List<RecordSet> records;
  List<CertificateState> certificates;
  NetworkState network;
  LoadBalancerState loadBalancer;
  List<ListenerState> listeners;
  List<TargetGroupState> targetGroups;

  private InventoryEdit(Inventory inv) {
    zone = inv.zone();
    records = inv.records();
    certificates = inv.certificates();
    network = inv.network();
    loadBalancer = inv.loadBalancer();
    listeners = inv.listeners();
    targetGroups = inv.targetGroups();
  }

  static Inventory of(Inventory inv, Consumer<InventoryEdit> edit) {
    InventoryEdit e = new InventoryEdit(inv);
    edit.accept(e);
    return new Inventory(
        e.zone, e.records, e.certificates, e.network, e.loadBalancer, e.listeners, e.targetGroups);
  }

  /** The load balancer with other request handling and tags. */
  static LoadBalancerState loadBalancer(
      LoadBalancerState lb, String desyncMode, Boolean dropInvalid, Map<String, String> tags) {
    return new LoadBalancerState(
        lb.arn(),
        lb.name(),
        lb.dnsName(),
        lb.canonicalHostedZoneId(),
        lb.state(),
        lb.scheme(),
        lb.ipAddressType(),
        lb.subnets(),
        lb.securityGroups(),
        lb.idleTimeoutSeconds(),
        desyncMode,
        dropInvalid,
        tags);
  }

  /** The load balancer with other tags. */
  static LoadBalancerState loadBalancer(LoadBalancerState lb, Map<String, String> tags) {
    return loadBalancer(lb, lb.desyncMitigationMode(), lb.dropInvalidHeaderFields(), tags);
  }

  /** The target group with another port, other targets and other tags. */
  static TargetGroupState targetGroup(
      TargetGroupState g, int port, List<Target> targets, Map<String, String> tags) {
    return new TargetGroupState(
        g.arn(),
        g.name(),
        g.protocol(),
        port,
        g.targetType(),
        g.vpcId(),
        g.healthCheck(),
        g.deregistrationDelaySeconds(),
        g.stickinessSeconds(),
        g.stickinessType(),
        g.stickinessCookieName(),
        g.algorithm(),
        g.slowStartSeconds(),
        targets,
        tags);
  }

  /** The listener with other tags and rules. */
  static ListenerState listener(
      ListenerState l, String certificateArn, Map<String, String> tags, List<RuleState> rules) {
    return new ListenerState(
        l.arn(),
        l.port(),
        l.protocol(),
        l.sslPolicy(),
        certificateArn,
        l.defaultAction(),
        tags,
        rules);
  }
}
