package io.elbctl.sim;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chooses the one target a forwarded request goes to, as the ALB's default {@code round_robin}
 * algorithm does: a weighted forward spreads requests over its groups in proportion to their
 * weights, and each group takes its routable targets (the healthy ones, or all registered ones when
 * it fails open) in turn. Thread-safe; the counters are the only state.
 */
public final class TargetPicker {
  private final ConcurrentHashMap<String, AtomicInteger> groupTurns = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicInteger> targetTurns = new ConcurrentHashMap<>();

  /**
   * The target for a forward decision, or null when no group it may choose has a registered target
   * (the ALB answers 503) or the decision is not a forward.
   */
  public Decision.TargetRoute pick(Decision decision) {
    Decision.GroupRoute group = pickGroup(decision);
    if (group == null) {
      return null;
    }
    List<Decision.TargetRoute> targets = group.targets();
    if (targets.size() == 1) {
      return targets.get(0);
    }
    int turn = turn(targetTurns, group.name());
    return targets.get(Math.floorMod(turn, targets.size()));
  }

  /** The group a forward decision sends this request to, honouring weights; null when none. */
  public Decision.GroupRoute pickGroup(Decision decision) {
    List<Decision.GroupRoute> groups = decision.groups();
    if (groups.size() == 1) {
      Decision.GroupRoute only = groups.get(0);
      return only.noRegisteredTargets() || only.weight() <= 0 ? null : only;
    }
    int total = 0;
    for (Decision.GroupRoute group : groups) {
      if (serves(group)) {
        total += group.weight();
      }
    }
    if (total == 0) {
      return null;
    }
    // One counter per rule, so each weighted action keeps its own exact proportions.
    String key = decision.listenerPort() + "/" + decision.priority();
    int slot = Math.floorMod(turn(groupTurns, key), total);
    for (Decision.GroupRoute group : groups) {
      if (serves(group)) {
        slot -= group.weight();
        if (slot < 0) {
          return group;
        }
      }
    }
    throw new AssertionError(slot);
  }

  private static boolean serves(Decision.GroupRoute group) {
    return group.weight() > 0 && !group.noRegisteredTargets();
  }

  private static int turn(ConcurrentHashMap<String, AtomicInteger> turns, String key) {
    AtomicInteger counter = turns.get(key);
    if (counter == null) {
      counter = turns.computeIfAbsent(key, k -> new AtomicInteger());
    }
    return counter.getAndIncrement();
  }
}
