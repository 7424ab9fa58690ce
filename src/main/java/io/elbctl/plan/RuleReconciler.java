package io.elbctl.plan;

import io.elbctl.plan.Inventory.ListenerState;
import io.elbctl.plan.Inventory.RuleState;
import io.elbctl.spec.Listener;
import io.elbctl.spec.PriorityRange;
import io.elbctl.spec.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Matches the wanted rules of one listener with the live ones and orders the changes: keep what is
 * equal, move what only changed priority, modify in place what kept its priority, create the rest
 * through free priorities, and delete last.
 */
final class RuleReconciler {
  private final PlanDraft draft;
  private final Listener listener;
  private final ListenerState live;
  private final List<Rule> wanted;

  /** {@code wanted} in priority order. */
  RuleReconciler(PlanDraft draft, Listener listener, ListenerState live, List<Rule> wanted) {
    this.draft = draft;
    this.listener = listener;
    this.live = live;
    this.wanted = wanted;
  }

  void run() {
    List<RuleState> owned = new ArrayList<>();
    Map<Integer, RuleState> foreign = new HashMap<>();
    Set<Integer> priorities = new HashSet<>();
    wanted.forEach(r -> priorities.add(r.priority()));
    for (RuleState rule : live.rules()) {
      int p = rule.priority();
      boolean claimed =
          Ownership.owns(draft.specName(), rule.tags())
              || (priorities.contains(p)
                  && draft.claim(
                      StepKind.RULES,
                      "rule " + p + " on " + label(),
                      "a rule at priority " + p + " on " + label(),
                      rule.arn(),
                      "elb",
                      rule.tags()));
      if (claimed) {
        owned.add(rule);
      } else {
        foreign.put(p, rule);
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
    draft.changes.addAll(modifies);
    order(moves, creates, deletes, foreign);
  }

  /**
   * Runs moves and creates whose priority is free, parking an owned rule that is leaving a priority
   * someone needs at a free one (moto, unlike AWS, cannot swap in one SetRulePriorities call);
   * deletes come last so traffic never loses a rule it still needs.
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
          draft.add(new Change.CreateRule(listener.port(), listener.protocol(), move.rule()));
          occupied.put(move.to(), "(new)");
        } else {
          int from = current.get(move.arn());
          occupied.remove(from);
          occupied.put(move.to(), move.arn());
          current.put(move.arn(), move.to());
          draft.add(
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
      draft.add(
          new Change.MoveRule(listener.port(), listener.protocol(), occupant, from, park, true));
    }
    for (RuleState rule : deletes) {
      draft.add(
          new Change.DeleteRule(
              listener.port(), listener.protocol(), rule.arn(), current.get(rule.arn())));
    }
  }

  private int freePriority(Set<Integer> occupied, Set<Integer> targets) {
    PriorityRange range = listener.priorityRange();
    int low = range == null ? 1 : range.from();
    int high = range == null ? Rule.MAX_PRIORITY : range.to();
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

  /** A pending priority change ({@code arn} set) or rule creation ({@code rule} set). */
  private record Move(String arn, int from, int to, Rule rule) {}

  private static boolean same(Rule rule, RuleState have) {
    return rule.conditions().equals(have.conditions())
        && rule.transforms().equals(have.transforms())
        && Objects.equals(
            Canonical.authenticate(rule.authenticate()),
            Canonical.authenticate(have.authenticate()))
        && Objects.equals(Canonical.action(rule.action()), Canonical.action(have.action()));
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
    if (!rule.transforms().equals(have.transforms())) {
      fields.add(
          new Field(
              "transforms",
              Describe.transforms(have.transforms()),
              Describe.transforms(rule.transforms())));
    }
    if (!Objects.equals(
        Canonical.authenticate(rule.authenticate()), Canonical.authenticate(have.authenticate()))) {
      fields.add(
          new Field(
              "authenticate",
              Describe.authenticate(have.authenticate()),
              Describe.authenticate(rule.authenticate())));
    }
    if (!Objects.equals(Canonical.action(rule.action()), Canonical.action(have.action()))) {
      fields.add(
          new Field(
              "action",
              Describe.action(Canonical.action(have.action())),
              Describe.action(rule.action())));
    }
    return fields;
  }
}
