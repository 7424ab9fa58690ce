package io.elbctl.plan;

import io.elbctl.ExitCode;
import io.elbctl.plan.Inventory.CertificateState;
import io.elbctl.plan.Inventory.ListenerState;
import io.elbctl.plan.Inventory.LoadBalancerState;
import io.elbctl.plan.Inventory.RecordSet;
import io.elbctl.plan.Inventory.RuleState;
import io.elbctl.plan.Inventory.TargetGroupState;
import io.elbctl.plan.Inventory.ValidationRecord;
import io.elbctl.spec.Action;
import io.elbctl.spec.ForwardAction;
import io.elbctl.spec.HealthCheck;
import io.elbctl.spec.Listener;
import io.elbctl.spec.LoadBalancer;
import io.elbctl.spec.PriorityRange;
import io.elbctl.spec.Rule;
import io.elbctl.spec.Spec;
import io.elbctl.spec.Target;
import io.elbctl.spec.TargetGroup;
import io.elbctl.spec.WeightedTargetGroup;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares a spec with an {@link Inventory} and lists the changes, in the order they must run;
 * pure: no AWS calls, no clock.
 */
public final class Planner {
  /** Shown where a value exists only once an earlier change has run. */
  public static final String KNOWN_AFTER_APPLY = "(known after apply)";

  static final int MAX_PRIORITY = 50000;

  private final Spec spec;
  private final Inventory inventory;
  private final List<Change> changes = new ArrayList<>();
  private final List<Refusal> refusals = new ArrayList<>();

  private Planner(Spec spec, Inventory inventory) {
    this.spec = spec;
    this.inventory = inventory;
  }

  public static Plan plan(Spec spec, Inventory inventory) {
    Planner planner = new Planner(spec, inventory);
    planner.domain();
    Optional<CertificateState> certificate = planner.certificate();
    planner.targetGroups();
    planner.loadBalancer(certificate);
    planner.rules();
    planner.dns();
    return new Plan(planner.changes, planner.refusals);
  }

  /** The IdempotencyToken for the spec's certificate: a re-run within the hour gets the same. */
  public static String idempotencyToken(Spec spec) {
    List<String> names = new ArrayList<>(lower(spec.certificate().allNames()));
    names.sort(Comparator.naturalOrder());
    String seed = spec.name() + "|" + spec.region() + "|" + String.join(",", names);
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** The name elbctl gives the security group it creates for the load balancer. */
  public static String securityGroupName(Spec spec) {
    return "elbctl-" + spec.name() + "-" + spec.loadBalancer().name();
  }

  /** A DNS name in Route 53's stored form: lower case with a trailing dot. */
  public static String fqdn(String name) {
    String lower = name.toLowerCase(Locale.ROOT).replace("\\052", "*");
    return lower.endsWith(".") ? lower : lower + ".";
  }

  // ---------------------------------------------------------------- domain

  private void domain() {
    String zone = fqdn(spec.domain().hostedZone());
    if (inventory.zone() == null) {
      refuse(
          StepKind.DOMAIN,
          ExitCode.ERROR,
          "no public Route 53 hosted zone is named "
              + zone
              + "; create it (aws route53 create-hosted-zone --name "
              + spec.domain().hostedZone()
              + " --caller-reference $(date +%s)) and delegate the domain to it, or correct"
              + " domain.hostedZone");
    } else if (inventory.zone().privateZone()) {
      refuse(
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
    Optional<CertificateState> chosen = chosenCertificate(spec, inventory);
    if (chosen.isEmpty()) {
      add(new Change.RequestCertificate(spec.certificate().allNames(), idempotencyToken(spec)));
      return chosen;
    }
    if (inventory.zone() != null) {
      Map<String, ValidationRecord> missing = new LinkedHashMap<>();
      for (ValidationRecord record : chosen.get().validationRecords()) {
        String name = fqdn(record.name());
        boolean present =
            inventory.records().stream()
                .anyMatch(
                    r ->
                        fqdn(r.name()).equals(name)
                            && r.type().equals(record.type())
                            && r.values().stream()
                                .anyMatch(v -> fqdn(v).equals(fqdn(record.value()))));
        if (!present) {
          // The wildcard and the apex share one validation record: write it once.
          missing.putIfAbsent(name, record);
        }
      }
      if (!missing.isEmpty()) {
        add(new Change.UpsertValidationRecords(chosen.get().arn(), List.copyOf(missing.values())));
      }
    }
    return chosen;
  }

  /**
   * The certificate the spec keeps using: one that covers exactly its names, is ISSUED or pending,
   * and is either tagged for the spec or already served by its listener; issued ones first.
   */
  public static Optional<CertificateState> chosenCertificate(Spec spec, Inventory inventory) {
    if (spec.certificate() == null) {
      return Optional.empty();
    }
    Set<String> wanted = new HashSet<>(lower(spec.certificate().allNames()));
    return inventory.certificates().stream()
        .filter(c -> new HashSet<>(lower(c.names())).equals(wanted))
        .filter(c -> c.status().equals("ISSUED") || c.status().equals("PENDING_VALIDATION"))
        .filter(c -> c.owned() || c.servedByListener())
        .min(
            Comparator.comparing((CertificateState c) -> !c.servedByListener())
                .thenComparing(c -> !c.status().equals("ISSUED")));
  }

  // ---------------------------------------------------------------- target groups

  private void targetGroups() {
    for (TargetGroup group : spec.targetGroups()) {
      Optional<TargetGroupState> found = inventory.targetGroup(group.name());
      List<Target> wanted = resolvedTargets(group);
      if (found.isEmpty()) {
        add(new Change.CreateTargetGroup(group));
        if (!wanted.isEmpty()) {
          add(new Change.RegisterTargets(group.name(), wanted));
        }
        continue;
      }
      TargetGroupState live = found.get();
      if (!Ownership.owns(spec.name(), live.tags())) {
        refuse(
            StepKind.TARGET_GROUPS,
            ExitCode.NOT_OWNED,
            "target group "
                + group.name()
                + " exists but was not created for spec "
                + spec.name()
                + notOwnedTail(live.tags()));
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
        refuse(
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
        add(
            new Change.UpdateTargetGroup(
                live.arn(), group, fields, healthCheck, fields.size() > countHealth(fields)));
      }
      Set<Target> have_ = new LinkedHashSet<>(live.targets());
      List<Target> register = wanted.stream().filter(t -> !have_.contains(t)).toList();
      List<Target> deregister = live.targets().stream().filter(t -> !wanted.contains(t)).toList();
      if (!register.isEmpty()) {
        add(new Change.RegisterTargets(group.name(), register));
      }
      if (!deregister.isEmpty()) {
        add(new Change.DeregisterTargets(group.name(), deregister));
      }
    }
  }

  private static long countHealth(List<Field> fields) {
    return fields.stream().filter(f -> f.name().startsWith("healthCheck.")).count();
  }

  /** The spec's targets with each port resolved, without duplicates. */
  static List<Target> resolvedTargets(TargetGroup group) {
    Set<Target> targets = new LinkedHashSet<>();
    for (Target target : group.targets()) {
      targets.add(new Target(target.id(), group.portOf(target)));
    }
    return List.copyOf(targets);
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
          add(new Change.CreateSecurityGroup(securityGroupName(spec), inventory.network().vpcId()));
        } else if (Ownership.owns(spec.name(), group.tags())) {
          securityGroups = List.of(group.id());
        } else {
          refuse(
              StepKind.LOAD_BALANCER,
              ExitCode.NOT_OWNED,
              "security group "
                  + group.name()
                  + " ("
                  + group.id()
                  + ") exists but was not created for spec "
                  + spec.name()
                  + notOwnedTail(group.tags()));
        }
      }
      List<String> subnets = subnets();
      add(new Change.CreateLoadBalancer(wanted, subnets, securityGroups));
      for (Listener listener : wanted.listeners()) {
        add(new Change.CreateListener(listener));
      }
      return;
    }
    LoadBalancerState live = inventory.loadBalancer();
    if (!Ownership.owns(spec.name(), live.tags())) {
      refuse(
          StepKind.LOAD_BALANCER,
          ExitCode.NOT_OWNED,
          "load balancer "
              + wanted.name()
              + " exists but was not created for spec "
              + spec.name()
              + notOwnedTail(live.tags()));
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
      refuse(
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
      add(new Change.UpdateLoadBalancer(live.arn(), wanted, securityGroups, fields));
    }
    Set<Integer> ports = new HashSet<>();
    for (Listener listener : wanted.listeners()) {
      ports.add(listener.port());
      Optional<ListenerState> found = inventory.listener(listener.port());
      if (found.isEmpty()) {
        add(new Change.CreateListener(listener));
        continue;
      }
      ListenerState have = found.get();
      List<Field> listenerFields = new ArrayList<>();
      diff(listenerFields, "protocol", have.protocol(), listener.protocol());
      if (listener.https()) {
        diff(listenerFields, "sslPolicy", have.sslPolicy(), listener.sslPolicy());
        diff(listenerFields, "certificate", have.certificateArn(), certificateArn);
      }
      Action haveAction = canonical(have.defaultAction());
      Action wantAction = canonical(listener.defaultAction());
      if (!Objects.equals(haveAction, wantAction)) {
        listenerFields.add(
            new Field("defaultAction", Describe.action(haveAction), Describe.action(wantAction)));
      }
      if (!listenerFields.isEmpty()) {
        add(new Change.UpdateListener(have.arn(), listener, listenerFields));
      }
    }
    for (ListenerState have : inventory.listeners()) {
      if (!ports.contains(have.port()) && Ownership.owns(spec.name(), have.tags())) {
        add(new Change.DeleteListener(have.arn(), have.protocol(), have.port()));
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
      refuse(
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
        && !Ownership.owns(spec.name(), inventory.loadBalancer().tags())) {
      return;
    }
    for (Listener listener : spec.loadBalancer().listeners()) {
      Optional<ListenerState> found = inventory.listener(listener.port());
      List<Rule> wanted = new ArrayList<>(listener.rules());
      wanted.sort(Comparator.comparing(Rule::priority));
      if (found.isEmpty()) {
        for (Rule rule : wanted) {
          add(new Change.CreateRule(listener.port(), listener.protocol(), rule));
        }
        continue;
      }
      new RuleReconciler(listener, found.get(), wanted).run();
    }
  }

  /** Matches the wanted rules of one listener with the live ones and orders the changes. */
  private final class RuleReconciler {
    private final Listener listener;
    private final ListenerState live;
    private final List<Rule> wanted;

    RuleReconciler(Listener listener, ListenerState live, List<Rule> wanted) {
      this.listener = listener;
      this.live = live;
      this.wanted = wanted;
    }

    void run() {
      List<RuleState> owned = new ArrayList<>();
      Map<Integer, RuleState> foreign = new HashMap<>();
      for (RuleState rule : live.rules()) {
        if (Ownership.owns(spec.name(), rule.tags())) {
          owned.add(rule);
        } else {
          foreign.put(rule.priority(), rule);
        }
      }
      for (Rule rule : wanted) {
        RuleState other = foreign.get(rule.priority());
        if (other != null) {
          refuse(
              StepKind.RULES,
              ExitCode.NOT_OWNED,
              "a rule at priority "
                  + rule.priority()
                  + " on "
                  + label()
                  + " exists but was not created for spec "
                  + spec.name()
                  + notOwnedTail(other.tags()));
        }
      }
      Map<Rule, RuleState> kept = new LinkedHashMap<>();
      Set<RuleState> used = new HashSet<>();
      for (Rule rule : wanted) {
        for (RuleState have : owned) {
          if (!used.contains(have) && have.priority() == rule.priority() && same(rule, have)) {
            kept.put(rule, have);
            used.add(have);
            break;
          }
        }
      }
      List<Move> moves = new ArrayList<>();
      for (Rule rule : wanted) {
        if (kept.containsKey(rule)) {
          continue;
        }
        for (RuleState have : owned) {
          if (!used.contains(have) && same(rule, have)) {
            moves.add(new Move(have.arn(), have.priority(), rule.priority(), null));
            kept.put(rule, have);
            used.add(have);
            break;
          }
        }
      }
      List<Change> modifies = new ArrayList<>();
      List<Move> creates = new ArrayList<>();
      for (Rule rule : wanted) {
        if (kept.containsKey(rule)) {
          continue;
        }
        RuleState samePriority = null;
        for (RuleState have : owned) {
          if (!used.contains(have) && have.priority() == rule.priority()) {
            samePriority = have;
            break;
          }
        }
        if (samePriority != null) {
          used.add(samePriority);
          modifies.add(
              new Change.ModifyRule(
                  listener.port(),
                  listener.protocol(),
                  samePriority.arn(),
                  rule,
                  ruleFields(samePriority, rule)));
        } else {
          creates.add(new Move(null, 0, rule.priority(), rule));
        }
      }
      List<RuleState> deletes = owned.stream().filter(r -> !used.contains(r)).toList();
      // Modify in place first: each ModifyRule swaps one rule atomically.
      changes.addAll(modifies);
      order(moves, creates, deletes, foreign);
    }

    /**
     * Runs moves and creates whose priority is free, parking an owned rule that is leaving a
     * priority someone needs at a free one (moto, unlike AWS, cannot swap in one SetRulePriorities
     * call); deletes come last so traffic never loses a rule it still needs.
     */
    private void order(
        List<Move> moves,
        List<Move> creates,
        List<RuleState> deletes,
        Map<Integer, RuleState> foreign) {
      Map<Integer, String> occupied = new HashMap<>();
      for (RuleState rule : live.rules()) {
        occupied.put(rule.priority(), rule.arn());
      }
      Set<Integer> targets = new HashSet<>();
      wanted.forEach(r -> targets.add(r.priority()));
      Map<String, Integer> current = new HashMap<>();
      live.rules().forEach(r -> current.put(r.arn(), r.priority()));
      List<Move> pending = new ArrayList<>(creates);
      pending.addAll(moves);
      pending.sort(Comparator.comparing(Move::to));
      while (!pending.isEmpty()) {
        boolean progress = false;
        for (var it = pending.iterator(); it.hasNext(); ) {
          Move move = it.next();
          if (occupied.containsKey(move.to())) {
            continue;
          }
          if (move.rule() != null) {
            add(new Change.CreateRule(listener.port(), listener.protocol(), move.rule()));
            occupied.put(move.to(), "(new)");
          } else {
            int from = current.get(move.arn());
            occupied.remove(from);
            occupied.put(move.to(), move.arn());
            current.put(move.arn(), move.to());
            add(
                new Change.MoveRule(
                    listener.port(), listener.protocol(), move.arn(), from, move.to(), false));
          }
          it.remove();
          progress = true;
        }
        if (progress) {
          continue;
        }
        Move blocked = pending.get(0);
        String occupant = occupied.get(blocked.to());
        if (foreign.containsKey(blocked.to()) || occupant.equals("(new)")) {
          pending.remove(0); // refused above; nothing safe to do
          continue;
        }
        int park = freePriority(occupied.keySet(), targets);
        int from = current.get(occupant);
        occupied.remove(from);
        occupied.put(park, occupant);
        current.put(occupant, park);
        add(new Change.MoveRule(listener.port(), listener.protocol(), occupant, from, park, true));
      }
      for (RuleState rule : deletes) {
        add(
            new Change.DeleteRule(
                listener.port(), listener.protocol(), rule.arn(), current.get(rule.arn())));
      }
    }

    private int freePriority(Set<Integer> occupied, Set<Integer> targets) {
      PriorityRange range = listener.priorityRange();
      int low = range == null ? 1 : range.from();
      int high = range == null ? MAX_PRIORITY : range.to();
      for (int p = high; p >= low; p--) {
        if (!occupied.contains(p) && !targets.contains(p)) {
          return p;
        }
      }
      throw new IllegalStateException("no free priority on " + label());
    }

    private String label() {
      return listener.protocol() + ":" + listener.port();
    }
  }

  /** A pending priority change ({@code arn} set) or rule creation ({@code rule} set). */
  private record Move(String arn, int from, int to, Rule rule) {}

  private static boolean same(Rule rule, RuleState have) {
    return rule.conditions().equals(have.conditions())
        && Objects.equals(canonical(rule.action()), canonical(have.action()));
  }

  private static List<Field> ruleFields(RuleState have, Rule rule) {
    List<Field> fields = new ArrayList<>();
    if (!rule.conditions().equals(have.conditions())) {
      fields.add(
          new Field(
              "conditions",
              Describe.conditions(have.conditions()),
              Describe.conditions(rule.conditions())));
    }
    if (!Objects.equals(canonical(rule.action()), canonical(have.action()))) {
      fields.add(
          new Field(
              "action", Describe.action(canonical(have.action())), Describe.action(rule.action())));
    }
    return fields;
  }

  /** An action in one normal form: a forward to one group of weight 1 is written as a single. */
  static Action canonical(Action action) {
    if (action instanceof ForwardAction forward) {
      List<WeightedTargetGroup> groups = forward.groups();
      if (groups.size() == 1 && groups.get(0).weight() == 1) {
        return new ForwardAction(
            "forward", groups.get(0).name(), null, forward.stickinessSeconds());
      }
      return new ForwardAction("forward", null, groups, forward.stickinessSeconds());
    }
    return action;
  }

  // ---------------------------------------------------------------- dns

  private void dns() {
    LoadBalancerState lb = inventory.loadBalancer();
    if (lb != null && !Ownership.owns(spec.name(), lb.tags())) {
      return;
    }
    String target = lb == null ? KNOWN_AFTER_APPLY : aliasTarget(lb.dnsName());
    List<String> types = spec.loadBalancer().dualstack() ? List.of("A", "AAAA") : List.of("A");
    for (String name : spec.domain().records()) {
      for (String type : types) {
        Optional<RecordSet> have =
            inventory.records().stream()
                .filter(r -> fqdn(r.name()).equals(fqdn(name)) && r.type().equals(type))
                .findFirst();
        if (have.isPresent()
            && lb != null
            && have.get().aliasDnsName() != null
            && fqdn(have.get().aliasDnsName()).equals(fqdn(target))
            && lb.canonicalHostedZoneId().equals(have.get().aliasZoneId())) {
          continue;
        }
        String old =
            have.map(
                    r ->
                        r.aliasDnsName() != null
                            ? "alias " + r.aliasDnsName()
                            : String.join(", ", r.values()))
                .orElse(null);
        add(new Change.UpsertAlias(name, type, old, target));
      }
    }
  }

  /** The alias target Route 53 should use for a load balancer DNS name. */
  public static String aliasTarget(String loadBalancerDnsName) {
    String name = loadBalancerDnsName.toLowerCase(Locale.ROOT);
    return name.startsWith("dualstack.") ? name : "dualstack." + name;
  }

  // ---------------------------------------------------------------- helpers

  private void add(Change change) {
    changes.add(change);
  }

  private void refuse(StepKind step, ExitCode code, String message) {
    refusals.add(new Refusal(step, code, message));
  }

  private static String notOwnedTail(Map<String, String> tags) {
    return " (tags: "
        + (tags.isEmpty() ? "none" : String.join(", ", Ownership.describe(tags)))
        + "); elbctl does not take over resources it did not create: rename it in the spec,"
        + " or delete or re-tag the existing one";
  }

  private static void diff(List<Field> fields, String name, Object have, Object want) {
    if (!Objects.equals(have, want)) {
      fields.add(Field.of(name, have, want));
    }
  }

  private static List<String> lower(List<String> names) {
    return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
  }
}
