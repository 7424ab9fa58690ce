package io.elbctl.plan;

import io.elbctl.ExitCode;
import io.elbctl.plan.Inventory.CertificateState;
import io.elbctl.plan.Inventory.ListenerState;
import io.elbctl.plan.Inventory.LoadBalancerState;
import io.elbctl.spec.Action;
import io.elbctl.spec.Listener;
import io.elbctl.spec.LoadBalancer;
import io.elbctl.spec.Spec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The load-balancer pass of {@link Planner}: the security group and subnets of a new load balancer,
 * attribute updates of a live one, and its listeners.
 */
record LoadBalancerPlanner(Spec spec, Inventory inventory, PlanDraft draft, boolean adopt) {
  void plan(Optional<CertificateState> certificate) {
    LoadBalancer wanted = spec.loadBalancer();
    String certificateArn =
        certificate.map(CertificateState::arn).orElse(Planner.KNOWN_AFTER_APPLY);
    if (inventory.loadBalancer() == null) {
      List<String> securityGroups = spec.network().securityGroups();
      if (securityGroups.isEmpty() && inventory.network() != null) {
        var group = inventory.network().securityGroup();
        if (group == null) {
          draft.add(
              new Change.CreateSecurityGroup(
                  ResourceNames.securityGroupName(spec), inventory.network().vpcId()));
        } else if (draft.claim(
            StepKind.LOAD_BALANCER,
            "security group " + group.name() + " (" + group.id() + ")",
            group.id(),
            "ec2",
            group.tags())) {
          securityGroups = List.of(group.id());
        }
      }
      List<String> subnets = subnets();
      draft.add(new Change.CreateLoadBalancer(wanted, subnets, securityGroups));
      for (Listener listener : wanted.listeners()) {
        draft.add(new Change.CreateListener(listener));
      }
      return;
    }
    LoadBalancerState live = inventory.loadBalancer();
    int first = draft.changes.size();
    String lbHash = SpecHash.of(spec, wanted);
    boolean lbDrifted = Ownership.appliedFrom(spec.name(), live.tags(), lbHash);
    if (!draft.claim(
        StepKind.LOAD_BALANCER, "load balancer " + wanted.name(), live.arn(), "elb", live.tags())) {
      return;
    }
    List<String> immutable = new ArrayList<>();
    if (!wanted.scheme().equals(live.scheme())) {
      immutable.add("scheme " + live.scheme() + " → " + wanted.scheme());
    }
    if (!wanted.ipAddressType().equals(live.ipAddressType())) {
      immutable.add("ipAddressType " + live.ipAddressType() + " → " + wanted.ipAddressType());
    }
    draft.refuseImmutable(
        StepKind.LOAD_BALANCER, "load balancer " + wanted.name(), immutable, "give it a new name");
    List<Field> fields = new ArrayList<>();
    Field.diff(
        fields, "idleTimeoutSeconds", live.idleTimeoutSeconds(), wanted.idleTimeoutSeconds());
    Field.diff(
        fields, "desyncMitigationMode", live.desyncMitigationMode(), wanted.desyncMitigationMode());
    Field.diff(
        fields,
        "dropInvalidHeaderFields",
        live.dropInvalidHeaderFields(),
        wanted.dropInvalidHeaderFields());
    List<String> securityGroups = spec.network().securityGroups();
    if (!securityGroups.isEmpty()
        && !new HashSet<>(securityGroups).equals(new HashSet<>(live.securityGroups()))) {
      fields.add(
          new Field(
              "securityGroups",
              String.join(", ", live.securityGroups()),
              String.join(", ", securityGroups)));
    }
    if (!fields.isEmpty()) {
      draft.add(new Change.UpdateLoadBalancer(live.arn(), wanted, securityGroups, fields));
    }
    draft.settle(
        StepKind.LOAD_BALANCER,
        first,
        lbDrifted,
        live.arn(),
        "load balancer " + wanted.name(),
        lbHash);
    Set<Integer> ports = new HashSet<>();
    for (Listener listener : wanted.listeners()) {
      ports.add(listener.port());
      Optional<ListenerState> found = inventory.listener(listener.port());
      if (found.isEmpty()) {
        draft.add(new Change.CreateListener(listener));
        continue;
      }
      ListenerState have = found.get();
      if (adopt) {
        // A listener on the spec's load balancer is managed whoever created it; adopting tags it.
        draft.claim(
            StepKind.LOAD_BALANCER,
            "listener " + listener.protocol() + ":" + listener.port(),
            have.arn(),
            "elb",
            have.tags());
      }
      List<Field> listenerFields = new ArrayList<>();
      Field.diff(listenerFields, "protocol", have.protocol(), listener.protocol());
      if (listener.https()) {
        Field.diff(listenerFields, "sslPolicy", have.sslPolicy(), listener.sslPolicy());
        Field.diff(listenerFields, "certificate", have.certificateArn(), certificateArn);
        extraCertificates(listener, have, listenerFields);
      }
      Action haveAction = Canonical.action(have.defaultAction());
      Action wantAction = Canonical.action(listener.defaultAction());
      if (!Objects.equals(haveAction, wantAction)) {
        listenerFields.add(
            new Field("defaultAction", Describe.action(haveAction), Describe.action(wantAction)));
      }
      if (!listenerFields.isEmpty()) {
        draft.add(new Change.UpdateListener(have.arn(), listener, listenerFields));
      }
    }
    for (ListenerState have : inventory.listeners()) {
      if (!ports.contains(have.port()) && Ownership.owns(spec.name(), have.tags())) {
        draft.add(new Change.DeleteListener(have.arn(), have.protocol(), have.port()));
      }
    }
  }

  /**
   * The SNI certificates of a live listener against the spec's, compared as sets of ARNs (a
   * certificate not requested yet is known after apply); not compared when they were not read.
   */
  private void extraCertificates(Listener listener, ListenerState have, List<Field> fields) {
    if (have.extraCertificateArns() == null) {
      return;
    }
    java.util.TreeSet<String> wanted = new java.util.TreeSet<>();
    for (io.elbctl.spec.Certificate extra : listener.certificates()) {
      wanted.add(
          inventory
              .certificateFor(spec, extra)
              .map(CertificateState::arn)
              .orElse(Planner.KNOWN_AFTER_APPLY));
    }
    java.util.TreeSet<String> live = new java.util.TreeSet<>(have.extraCertificateArns());
    if (!wanted.equals(live)) {
      fields.add(
          new Field(
              "certificates",
              live.isEmpty() ? "(none)" : String.join(", ", live),
              wanted.isEmpty() ? "(none)" : String.join(", ", wanted)));
    }
  }

  private List<String> subnets() {
    if (!spec.network().subnets().isEmpty()) {
      return spec.network().subnets();
    }
    if (inventory.network() == null) {
      return List.of(Planner.KNOWN_AFTER_APPLY);
    }
    Map<String, String> byZone = new TreeMap<>();
    for (Inventory.Subnet subnet : inventory.network().subnets()) {
      byZone.putIfAbsent(subnet.availabilityZone(), subnet.id());
    }
    if (byZone.size() < 2) {
      draft.refuse(
          StepKind.LOAD_BALANCER,
          ExitCode.ERROR,
          "the VPC "
              + inventory.network().vpcId()
              + " has subnets in "
              + byZone.size()
              + " availability zone(s); a load balancer needs two, so list network.subnets");
    }
    return List.copyOf(byZone.values());
  }
}
