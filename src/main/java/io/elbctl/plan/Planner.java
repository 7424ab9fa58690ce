package io.elbctl.plan;

import io.elbctl.ExitCode;
import io.elbctl.plan.Inventory.CertificateState;
import io.elbctl.plan.Inventory.ListenerState;
import io.elbctl.plan.Inventory.LoadBalancerState;
import io.elbctl.plan.Inventory.RecordSet;
import io.elbctl.plan.Inventory.ValidationRecord;
import io.elbctl.spec.DnsName;
import io.elbctl.spec.Listener;
import io.elbctl.spec.Rule;
import io.elbctl.spec.Spec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares a spec with an {@link Inventory} and lists the changes, in the order they must run;
 * pure: no AWS calls, no clock. It runs one pass per step in the six-step order (domain to DNS)
 * over one {@link PlanDraft}; the target-group and load-balancer passes are {@link
 * TargetGroupPlanner} and {@link LoadBalancerPlanner}, the rule algorithm is {@link
 * RuleReconciler}, and ownership and names live in {@link Ownership} and {@link ResourceNames}.
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
    new TargetGroupPlanner(spec, inventory, planner.draft).plan();
    new LoadBalancerPlanner(spec, inventory, planner.draft, adopt).plan(certificate);
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

  /** Plans every certificate of the spec; the default one's live state, if it has one. */
  private Optional<CertificateState> certificate() {
    if (spec.certificate() == null) {
      return Optional.empty();
    }
    Optional<CertificateState> chosen = certificate(spec.certificate());
    for (io.elbctl.spec.Certificate extra : spec.certificates()) {
      if (extra != spec.certificate()) {
        certificate(extra);
      }
    }
    return chosen;
  }

  private Optional<CertificateState> certificate(io.elbctl.spec.Certificate wanted) {
    Optional<CertificateState> chosen = inventory.certificateFor(spec, wanted);
    if (chosen.isEmpty()) {
      draft.add(
          new Change.RequestCertificate(
              wanted.allNames(), ResourceNames.idempotencyToken(spec, wanted)));
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
}
