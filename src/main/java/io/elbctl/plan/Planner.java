package io.elbctl.plan;

import io.elbctl.ExitCode;
import io.elbctl.plan.Inventory.CertificateState;
import io.elbctl.plan.Inventory.ListenerState;
import io.elbctl.plan.Inventory.LoadBalancerState;
import io.elbctl.plan.Inventory.RecordSet;
import io.elbctl.plan.Inventory.TargetGroupState;
import io.elbctl.plan.Inventory.ValidationRecord;
import io.elbctl.spec.Action;
import io.elbctl.spec.DnsName;
import io.elbctl.spec.HealthCheck;
import io.elbctl.spec.Listener;
import io.elbctl.spec.LoadBalancer;
import io.elbctl.spec.Rule;
import io.elbctl.spec.Spec;
import io.elbctl.spec.Target;
import io.elbctl.spec.TargetGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares a spec with an {@link Inventory} and lists the changes, in the order they must run;
 * pure: no AWS calls, no clock. It stays one class of about 500 lines because it is one pass per
 * step in the six-step order (domain to DNS) sharing one draft; the rule algorithm, ownership and
 * names live in {@link RuleReconciler}, {@link PlanDraft}, {@link Ownership} and {@link
 * ResourceNames}.
 */
public final class Planner {
  /** Shown where a value exists only once an earlier change has run. */
  public static final String KNOWN_AFTER_APPLY = "(known after apply)";

  private final Spec spec;
  private final Inventory inventory;
  private final PlanDraft draft;
  private final List<Change> changes;
  private final boolean adopt;

  private Planner(Spec spec, Inventory inventory, boolean adopt) {
    this.spec = spec;
    this.inventory = inventory;
    this.adopt = adopt;
    this.draft = new PlanDraft(spec.name(), adopt);
    this.changes = draft.changes;
  }

  public static Plan plan(Spec spec, Inventory inventory) {
    return plan(spec, inventory, false);
  }

  /**
   * Plans the apply; with {@code adopt}, resources in the spec's place that this spec did not
   * create are tagged and managed instead of refused.
   */
  public static Plan plan(Spec spec, Inventory inventory, boolean adopt) {
    Planner planner = new Planner(spec, inventory, adopt);
    planner.domain();
    Optional<CertificateState> certificate = planner.certificate();
    planner.targetGroups();
    planner.loadBalancer(certificate);
    planner.rules();
    planner.dns();
    return planner.draft.plan();
  }

  // ---------------------------------------------------------------- domain

  private void domain() {
    String zone = DnsName.fqdn(spec.domain().hostedZone());
    if (inventory.zone() == null) {
      draft.refuse(
          StepKind.DOMAIN,
          ExitCode.ERROR,
          "no public Route 53 hosted zone is named "
              + zone
              + "; create it (aws route53 create-hosted-zone --name "
              + spec.domain().hostedZone()
              + " --caller-reference $(date +%s)) and delegate the domain to it, or correct"
              + " domain.hostedZone");
    } else if (inventory.zone().privateZone()) {
      draft.refuse(
          StepKind.DOMAIN,
          ExitCode.ERROR,
          "the hosted zone "
              + zone
              + " is private; ACM validation and internet-facing records need a public zone");
    }
  }

  // ---------------------------------------------------------------- certificate

  private Optional<CertificateState> certificate() {
    if (spec.certificate() == null) {
      return Optional.empty();
    }
    Optional<CertificateState> chosen = inventory.certificateFor(spec);
    if (chosen.isEmpty()) {
      draft.add(
          new Change.RequestCertificate(
              spec.certificate().allNames(), ResourceNames.idempotencyToken(spec)));
      return chosen;
    }
    if (inventory.zone() != null) {
      Map<String, ValidationRecord> missing = new LinkedHashMap<>();
      for (ValidationRecord record : chosen.get().validationRecords()) {
        String name = DnsName.fqdn(record.name());
        boolean present =
            inventory.records().stream()
                .anyMatch(
                    r ->
                        DnsName.fqdn(r.name()).equals(name)
                            && r.type().equals(record.type())
                            && r.values().stream()
                                .anyMatch(
                                    v -> DnsName.fqdn(v).equals(DnsName.fqdn(record.value()))));
        if (!present) {
          // The wildcard and the apex share one validation record: write it once.
          missing.putIfAbsent(name, record);
        }
      }
      if (!missing.isEmpty()) {
        draft.add(
            new Change.UpsertValidationRecords(chosen.get().arn(), List.copyOf(missing.values())));
      }
    }
    return chosen;
  }

  // ---------------------------------------------------------------- target groups

  private void targetGroups() {
    for (TargetGroup group : spec.targetGroups()) {
      Optional<TargetGroupState> found = inventory.targetGroup(group.name());
      List<Target> wanted = group.resolvedTargets();
      if (found.isEmpty()) {
        draft.add(new Change.CreateTargetGroup(group));
        if (!wanted.isEmpty()) {
          draft.add(new Change.RegisterTargets(group.name(), wanted));
        }
        continue;
      }
      TargetGroupState live = found.get();
      int first = changes.size();
      String hash = SpecHash.of(group);
      boolean drifted = Ownership.appliedFrom(spec.name(), live.tags(), hash);
      if (!draft.claim(
          StepKind.TARGET_GROUPS, "target group " + group.name(), live.arn(), "elb", live.tags())) {
        continue;
      }
      List<String> immutable = new ArrayList<>();
      if (!group.protocol().equals(live.protocol())) {
        immutable.add("protocol " + live.protocol() + " → " + group.protocol());
      }
      if (group.port() != live.port()) {
        immutable.add("port " + live.port() + " → " + group.port());
      }
      if (!group.targetType().equals(live.targetType())) {
        immutable.add("targetType " + live.targetType() + " → " + group.targetType());
      }
      if (!immutable.isEmpty()) {
        draft.refuse(
            StepKind.TARGET_GROUPS,
            ExitCode.ERROR,
            "target group "
                + group.name()
                + " cannot change "
                + String.join(", ", immutable)
                + " in place; give the group a new name so a new one is created");
        continue;
      }
      List<Field> fields = new ArrayList<>();
      HealthCheck want = group.healthCheck();
      HealthCheck have = live.healthCheck();
      String wantProtocol = want.protocol() == null ? group.protocol() : want.protocol();
      String haveProtocol = have.protocol() == null ? live.protocol() : have.protocol();
      diff(fields, "healthCheck.path", have.path(), want.path());
      diff(fields, "healthCheck.matcher", have.matcher(), want.matcher());
      diff(fields, "healthCheck.intervalSeconds", have.intervalSeconds(), want.intervalSeconds());
      diff(fields, "healthCheck.timeoutSeconds", have.timeoutSeconds(), want.timeoutSeconds());
      diff(
          fields, "healthCheck.healthyThreshold", have.healthyThreshold(), want.healthyThreshold());
      diff(
          fields,
          "healthCheck.unhealthyThreshold",
          have.unhealthyThreshold(),
          want.unhealthyThreshold());
      diff(fields, "healthCheck.port", have.port(), want.port());
      diff(fields, "healthCheck.protocol", haveProtocol, wantProtocol);
      boolean healthCheck = !fields.isEmpty();
      diff(
          fields,
          "deregistrationDelaySeconds",
          live.deregistrationDelaySeconds(),
          group.deregistrationDelaySeconds());
      diff(fields, "stickinessSeconds", live.stickinessSeconds(), group.stickinessSeconds());
      if (!fields.isEmpty()) {
        draft.add(
            new Change.UpdateTargetGroup(
                live.arn(), group, fields, healthCheck, fields.size() > countHealth(fields)));
      }
      Set<Target> have_ = new LinkedHashSet<>(live.targets());
      List<Target> register = wanted.stream().filter(t -> !have_.contains(t)).toList();
      List<Target> deregister = live.targets().stream().filter(t -> !wanted.contains(t)).toList();
      if (!register.isEmpty()) {
        draft.add(new Change.RegisterTargets(group.name(), register));
      }
      if (!deregister.isEmpty()) {
        draft.add(new Change.DeregisterTargets(group.name(), deregister));
      }
      draft.settle(
          StepKind.TARGET_GROUPS, first, drifted, live.arn(), "target group " + group.name(), hash);
    }
  }

  private static long countHealth(List<Field> fields) {
    return fields.stream().filter(f -> f.name().startsWith("healthCheck.")).count();
  }

  // ---------------------------------------------------------------- load balancer

  private void loadBalancer(Optional<CertificateState> certificate) {
    LoadBalancer wanted = spec.loadBalancer();
    String certificateArn = certificate.map(CertificateState::arn).orElse(KNOWN_AFTER_APPLY);
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
    int first = changes.size();
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
    if (!immutable.isEmpty()) {
      draft.refuse(
          StepKind.LOAD_BALANCER,
          ExitCode.ERROR,
          "load balancer "
              + wanted.name()
              + " cannot change "
              + String.join(", ", immutable)
              + " in place; give it a new name");
    }
    List<Field> fields = new ArrayList<>();
    diff(fields, "idleTimeoutSeconds", live.idleTimeoutSeconds(), wanted.idleTimeoutSeconds());
    diff(
        fields, "desyncMitigationMode", live.desyncMitigationMode(), wanted.desyncMitigationMode());
    diff(
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
      diff(listenerFields, "protocol", have.protocol(), listener.protocol());
      if (listener.https()) {
        diff(listenerFields, "sslPolicy", have.sslPolicy(), listener.sslPolicy());
        diff(listenerFields, "certificate", have.certificateArn(), certificateArn);
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

  private List<String> subnets() {
    if (!spec.network().subnets().isEmpty()) {
      return spec.network().subnets();
    }
    if (inventory.network() == null) {
      return List.of(KNOWN_AFTER_APPLY);
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

  // ---------------------------------------------------------------- rules

  private void rules() {
    if (inventory.loadBalancer() != null
        && !adopt
        && !Ownership.owns(spec.name(), inventory.loadBalancer().tags())) {
      return;
    }
    for (Listener listener : spec.loadBalancer().listeners()) {
      Optional<ListenerState> found = inventory.listener(listener.port());
      List<Rule> wanted = new ArrayList<>(listener.rules());
      wanted.sort(Comparator.comparing(Rule::priority));
      if (found.isEmpty()) {
        for (Rule rule : wanted) {
          draft.add(new Change.CreateRule(listener.port(), listener.protocol(), rule));
        }
        continue;
      }
      ListenerState live = found.get();
      int first = changes.size();
      new RuleReconciler(draft, listener, live, wanted).run();
      String hash = SpecHash.of(spec, listener);
      boolean drifted = Ownership.appliedFrom(spec.name(), live.tags(), hash);
      boolean listenerChanged =
          changes.stream()
              .anyMatch(
                  c ->
                      (c instanceof Change.UpdateListener u && u.arn().equals(live.arn()))
                          || (c instanceof Change.Adopt a && a.id().equals(live.arn())));
      if (drifted && listenerChanged) {
        changes.stream()
            .filter(c -> c instanceof Change.UpdateListener u && u.arn().equals(live.arn()))
            .forEach(draft.drift::add);
      }
      String resource = "listener " + listener.protocol() + ":" + listener.port();
      if (changes.size() == first && listenerChanged) {
        draft.stamps.add(new Plan.Stamp(StepKind.RULES, live.arn(), resource, hash));
      }
      draft.settle(StepKind.RULES, first, drifted, live.arn(), resource, hash);
    }
  }

  // ---------------------------------------------------------------- dns

  private void dns() {
    LoadBalancerState lb = inventory.loadBalancer();
    if (lb != null && !adopt && !Ownership.owns(spec.name(), lb.tags())) {
      return;
    }
    String target = lb == null ? KNOWN_AFTER_APPLY : ResourceNames.aliasTarget(lb.dnsName());
    List<String> types = spec.loadBalancer().dualstack() ? List.of("A", "AAAA") : List.of("A");
    for (String name : spec.domain().records()) {
      String fqdn = DnsName.fqdn(name);
      Ownership.RecordOwner owner = Ownership.recordOwner(spec.name(), inventory, fqdn);
      Optional<RecordSet> cname =
          inventory.records().stream()
              .filter(r -> DnsName.fqdn(r.name()).equals(fqdn) && r.type().equals("CNAME"))
              .findFirst();
      if (cname.isPresent()) {
        draft.refuse(
            StepKind.DNS,
            ExitCode.NOT_OWNED,
            "a CNAME record "
                + fqdn
                + " → "
                + String.join(", ", cname.get().values())
                + " exists where the alias record must go; a name with a CNAME can have no other"
                + " record, so delete it (elbctl never deletes records it did not create)");
        continue;
      }
      for (String type : types) {
        Optional<RecordSet> have =
            inventory.records().stream()
                .filter(r -> DnsName.fqdn(r.name()).equals(fqdn) && r.type().equals(type))
                .findFirst();
        boolean pointsHere = have.isPresent() && lb != null && Ownership.pointsAt(have.get(), lb);
        if (pointsHere) {
          continue;
        }
        String old = have.map(Planner::recordText).orElse(null);
        if (have.isPresent() && owner != Ownership.RecordOwner.THIS_SPEC && !adopt) {
          draft.refuse(
              StepKind.DNS,
              ExitCode.NOT_OWNED,
              "the "
                  + type
                  + " record "
                  + fqdn
                  + " ("
                  + old
                  + ") exists but was not created for spec "
                  + spec.name()
                  + " (no TXT record "
                  + Ownership.markerName(fqdn)
                  + " holds "
                  + Ownership.markerValue(spec.name())
                  + "); elbctl does not overwrite records it did not create: remove it from"
                  + " domain.records, delete it, or run with --adopt to take it over");
          continue;
        }
        if (owner == Ownership.RecordOwner.OTHER && !adopt) {
          draft.refuse(
              StepKind.DNS,
              ExitCode.NOT_OWNED,
              "the name "
                  + fqdn
                  + " is marked as another elbctl spec's (TXT "
                  + Ownership.markerName(fqdn)
                  + "); run with --adopt to take it over");
          continue;
        }
        Change upsert =
            new Change.UpsertAlias(
                name,
                type,
                old,
                target,
                owner == Ownership.RecordOwner.THIS_SPEC
                    ? null
                    : Ownership.markerValue(spec.name()));
        draft.add(upsert);
        if (owner == Ownership.RecordOwner.THIS_SPEC && lb != null) {
          // The marker says elbctl wrote this record for the spec, so the live side moved.
          draft.drift.add(upsert);
        }
      }
    }
  }

  private static String recordText(RecordSet r) {
    return r.aliasDnsName() != null ? "alias " + r.aliasDnsName() : String.join(", ", r.values());
  }

  // ---------------------------------------------------------------- helpers

  private static void diff(List<Field> fields, String name, Object have, Object want) {
    if (!Objects.equals(have, want)) {
      fields.add(Field.of(name, have, want));
    }
  }
}
