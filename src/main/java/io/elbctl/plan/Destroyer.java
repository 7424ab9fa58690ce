package io.elbctl.plan;

import io.elbctl.plan.Inventory.ListenerState;
import io.elbctl.plan.Inventory.LoadBalancerState;
import io.elbctl.plan.Inventory.RecordSet;
import io.elbctl.plan.Inventory.RuleState;
import io.elbctl.plan.Inventory.SecurityGroupState;
import io.elbctl.plan.Inventory.TargetGroupState;
import io.elbctl.plan.Inventory.ValidationRecord;
import io.elbctl.spec.Action;
import io.elbctl.spec.DnsName;
import io.elbctl.spec.ForwardAction;
import io.elbctl.spec.Spec;
import io.elbctl.spec.WeightedTargetGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans {@code elbctl destroy}: deletions of what this spec owns, in the order AWS allows (alias
 * records, rules, listeners, load balancer, security group, target groups, validation records,
 * certificate), and what is kept and why; pure, like the {@link Planner}.
 */
public final class Destroyer {
  /** The steps in the order destroy runs them: the reverse of apply. */
  public static final List<StepKind> ORDER =
      List.of(
          StepKind.DNS,
          StepKind.RULES,
          StepKind.LOAD_BALANCER,
          StepKind.TARGET_GROUPS,
          StepKind.CERTIFICATE);

  private Destroyer() {}

  /** What destroy reads beyond the {@link Inventory}. */
  public record Inputs(
      SecurityGroupState securityGroup,
      List<OwnedCertificate> certificates,
      Set<String> validationNamesOfOtherCertificates) {
    public Inputs {
      certificates = List.copyOf(certificates);
      validationNamesOfOtherCertificates = Set.copyOf(validationNamesOfOtherCertificates);
    }
  }

  /** A certificate tagged for the spec, with the resources ACM says use it. */
  public record OwnedCertificate(
      String arn,
      List<String> names,
      List<ValidationRecord> validationRecords,
      List<String> inUseBy) {
    public OwnedCertificate {
      names = List.copyOf(names);
      validationRecords = List.copyOf(validationRecords);
      inUseBy = List.copyOf(inUseBy);
    }
  }

  /** A resource destroy leaves in place, and why. */
  public record Kept(StepKind step, String message) {}

  /** The ordered deletions and the resources kept. */
  public record DestroyPlan(List<Change> changes, List<Kept> kept) {
    public DestroyPlan {
      changes = List.copyOf(changes);
      kept = List.copyOf(kept);
    }

    /** The deletions as a {@link Plan}, for rendering. */
    public Plan asPlan() {
      return new Plan(changes, List.of());
    }
  }

  public static DestroyPlan plan(Spec spec, Inventory inventory, Inputs inputs) {
    List<Change> changes = new ArrayList<>();
    List<Kept> kept = new ArrayList<>();
    String name = spec.name();
    LoadBalancerState lb = inventory.loadBalancer();
    boolean lbOwned = lb != null && Ownership.owns(name, lb.tags());

    // Alias records and their ownership markers.
    Set<String> markersDeleted = new HashSet<>();
    for (String record : spec.domain().records()) {
      String fqdn = DnsName.fqdn(record);
      Ownership.RecordOwner owner = Ownership.recordOwner(name, inventory, fqdn);
      Optional<RecordSet> marker = Ownership.marker(inventory, fqdn);
      for (String type : List.of("A", "AAAA")) {
        Optional<RecordSet> have =
            inventory.records().stream()
                .filter(r -> DnsName.fqdn(r.name()).equals(fqdn) && r.type().equals(type))
                .findFirst();
        if (have.isEmpty()) {
          continue;
        }
        if (owner != Ownership.RecordOwner.THIS_SPEC) {
          kept.add(
              new Kept(
                  StepKind.DNS, type + " record " + fqdn + " was not created by spec " + name));
          continue;
        }
        RecordSet ownMarker = marker.filter(m -> markersDeleted.add(m.name())).orElse(null);
        changes.add(new Change.DeleteAlias(have.get(), ownMarker));
      }
      if (owner == Ownership.RecordOwner.THIS_SPEC
          && marker.isPresent()
          && !markersDeleted.contains(marker.get().name())) {
        // The alias is already gone; the marker alone is left.
        markersDeleted.add(marker.get().name());
        changes.add(new Change.DeleteAlias(marker.get(), null));
      }
    }

    // Rules, listeners, the load balancer.
    Set<String> groupsInUse = new HashSet<>();
    boolean lbKept = false;
    if (lb != null && !lbOwned) {
      kept.add(
          new Kept(
              StepKind.LOAD_BALANCER,
              "load balancer " + lb.name() + " was not created by spec " + name));
    }
    if (lbOwned) {
      List<Change> listenerDeletes = new ArrayList<>();
      for (ListenerState listener : inventory.listeners()) {
        String label = "listener " + listener.protocol() + ":" + listener.port();
        List<Integer> foreign = new ArrayList<>();
        for (RuleState rule : listener.rules()) {
          if (Ownership.owns(name, rule.tags())) {
            changes.add(
                new Change.DeleteRule(
                    listener.port(), listener.protocol(), rule.arn(), rule.priority()));
          } else {
            foreign.add(rule.priority());
            groupsInUse.addAll(groups(rule.action()));
          }
        }
        if (!foreign.isEmpty() || !Ownership.owns(name, listener.tags())) {
          lbKept = true;
          groupsInUse.addAll(groups(listener.defaultAction()));
          foreign.sort(Integer::compare);
          kept.add(
              new Kept(
                  StepKind.LOAD_BALANCER,
                  label
                      + (foreign.isEmpty()
                          ? " was not created by spec " + name
                          : " holds rules not created by spec "
                              + name
                              + " (priority "
                              + String.join(", ", foreign.stream().map(String::valueOf).toList())
                              + "); elbctl never deletes other teams' rules")
                      + ", so it and load balancer "
                      + lb.name()
                      + " are kept"));
        } else {
          listenerDeletes.add(
              new Change.DeleteListener(listener.arn(), listener.protocol(), listener.port()));
        }
      }
      // Every rule goes before any listener, so no request meets a half-removed listener.
      changes.addAll(listenerDeletes);
      if (!lbKept) {
        changes.add(new Change.DeleteLoadBalancer(lb.arn(), lb.name()));
      }
    }

    // The security group elbctl created.
    SecurityGroupState group = inputs.securityGroup();
    if (group != null && Ownership.owns(name, group.tags())) {
      if (lbKept || (lb != null && !lbOwned)) {
        kept.add(
            new Kept(
                StepKind.LOAD_BALANCER,
                "security group " + group.name() + " is kept with the load balancer"));
      } else {
        changes.add(new Change.DeleteSecurityGroup(group.id(), group.name()));
      }
    }

    // Target groups.
    for (TargetGroupState tg : inventory.targetGroups()) {
      if (!Ownership.owns(name, tg.tags())) {
        kept.add(
            new Kept(
                StepKind.TARGET_GROUPS,
                "target group " + tg.name() + " was not created by spec " + name));
      } else if (groupsInUse.contains(tg.name()) || groupsInUse.contains(tg.arn())) {
        kept.add(
            new Kept(
                StepKind.TARGET_GROUPS,
                "target group " + tg.name() + " is kept: a kept listener or rule forwards to it"));
      } else {
        changes.add(new Change.DeleteTargetGroup(tg.arn(), tg.name()));
      }
    }

    // Certificates, then validation records no other certificate needs.
    Set<String> keptListenerCertificates = new HashSet<>();
    if (lbKept) {
      inventory.listeners().forEach(l -> keptListenerCertificates.add(l.certificateArn()));
    }
    Map<String, RecordSet> validation = new LinkedHashMap<>();
    Set<String> stillNeeded = new HashSet<>();
    inputs.validationNamesOfOtherCertificates().forEach(n -> stillNeeded.add(DnsName.fqdn(n)));
    boolean listenersKept = lbKept;
    List<Change> certificateDeletes = new ArrayList<>();
    for (OwnedCertificate certificate : inputs.certificates()) {
      // A listener of this spec's load balancer is no user once the load balancer is deleted:
      // ACM keeps naming it for a while, and a destroy that died after deleting the load balancer
      // must still delete the certificate when run again.
      String lbName = spec.loadBalancer().name();
      List<String> users =
          certificate.inUseBy().stream()
              .filter(
                  arn ->
                      listenersKept
                          || !(lb == null ? namesLoadBalancer(arn, lbName) : partOf(arn, lb.arn())))
              .toList();
      if (!users.isEmpty() || keptListenerCertificates.contains(certificate.arn())) {
        kept.add(
            new Kept(
                StepKind.CERTIFICATE,
                "certificate "
                    + String.join(", ", certificate.names())
                    + " is kept: in use by "
                    + (users.isEmpty() ? "a kept listener" : String.join(", ", users))));
        certificate.validationRecords().forEach(r -> stillNeeded.add(DnsName.fqdn(r.name())));
        continue;
      }
      certificateDeletes.add(new Change.DeleteCertificate(certificate.arn(), certificate.names()));
      for (ValidationRecord record : certificate.validationRecords()) {
        String fqdn = DnsName.fqdn(record.name());
        inventory.records().stream()
            .filter(r -> DnsName.fqdn(r.name()).equals(fqdn) && r.type().equals(record.type()))
            .findFirst()
            .ifPresent(r -> validation.putIfAbsent(fqdn, r));
      }
    }
    List<RecordSet> deletable = new ArrayList<>();
    for (var entry : validation.entrySet()) {
      if (stillNeeded.contains(entry.getKey())) {
        kept.add(
            new Kept(
                StepKind.CERTIFICATE,
                "validation record "
                    + entry.getKey()
                    + " is kept: another certificate validates with it"));
      } else {
        deletable.add(entry.getValue());
      }
    }
    // Validation records go first: once a certificate is deleted, nothing names its records any
    // more, so a destroy that died in between could not find them again.
    if (!deletable.isEmpty()) {
      changes.add(new Change.DeleteValidationRecords(deletable));
    }
    changes.addAll(certificateDeletes);
    return new DestroyPlan(changes, kept);
  }

  /**
   * True when {@code arn} is the load balancer or one of its listeners (ACM's InUseBy names the
   * load balancer; moto names the listener).
   */
  static boolean partOf(String arn, String lbArn) {
    if (arn.equals(lbArn)) {
      return true;
    }
    int at = lbArn.indexOf(":loadbalancer/");
    return at >= 0
        && arn.contains(":listener/" + lbArn.substring(at + ":loadbalancer/".length()) + "/");
  }

  /**
   * True when {@code arn} is a load balancer named {@code name} or one of its listeners; with no
   * such load balancer in the inventory, it names one that was deleted (names are unique).
   */
  static boolean namesLoadBalancer(String arn, String name) {
    return arn.contains(":loadbalancer/app/" + name + "/")
        || arn.contains(":listener/app/" + name + "/");
  }

  private static List<String> groups(Action action) {
    List<String> names = new ArrayList<>();
    if (action instanceof ForwardAction forward) {
      for (WeightedTargetGroup group : forward.groups()) {
        names.add(group.name());
      }
    }
    return names;
  }
}
