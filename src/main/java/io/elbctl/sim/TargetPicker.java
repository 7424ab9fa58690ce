package io.elbctl.sim;

import io.elbctl.spec.ForwardAction;
import io.elbctl.spec.Spec;
import io.elbctl.spec.TargetGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Chooses the one target a forwarded request goes to, as the ALB does: the group a weighted
 * forward's {@code AWSALBTG} cookie names, else a group in proportion to the weights; then the
 * target the group's stickiness cookie names while it is routable, else one by the group's
 * algorithm ({@code round_robin}, {@code least_outstanding_requests} or {@code weighted_random}),
 * with targets in slow start given a share that grows linearly. {@code simulate} and {@code serve}
 * both pick through this class. Thread-safe.
 */
public final class TargetPicker {
  private final Map<String, TargetGroup> settings = new HashMap<>();
  private final LongSupplier nanos;
  private final Random random;
  private final ConcurrentHashMap<String, AtomicInteger> groupTurns = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicInteger> targetTurns = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<GroupTarget, AtomicInteger> outstanding =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<GroupTarget, Long> slowStartSince = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Rotation> rotations = new ConcurrentHashMap<>();

  /** A picker with the spec's group settings, the system clock and an unseeded random source. */
  public TargetPicker(Spec spec) {
    this(spec, System::nanoTime, new Random());
  }

  /** A picker with its own clock (nanoseconds) and random source, for tests. */
  public TargetPicker(Spec spec, LongSupplier nanos, Random random) {
    for (TargetGroup group : spec.targetGroups()) {
      settings.put(group.name(), group);
    }
    this.nanos = nanos;
    this.random = random;
  }

  /**
   * One choice and how it was made.
   *
   * @param algorithm the group's algorithm
   * @param slowStartSeconds the group's slow start, 0 when off
   * @param stickiness the group's stickiness, e.g. {@code lb_cookie 86400 s}, or null
   * @param how why this target, e.g. {@code kept by the AWSALB cookie}
   * @param setCookies the Set-Cookie values the ALB adds to the target's response
   * @param appCookie for app_cookie stickiness, the application cookie whose presence in the
   *     target's response makes the ALB add {@code AWSALBAPP}; else null
   */
  public record Pick(
      Decision.GroupRoute group,
      Decision.TargetRoute target,
      String algorithm,
      int slowStartSeconds,
      String stickiness,
      String how,
      List<String> setCookies,
      String appCookie,
      int appCookieSeconds) {
    public Pick {
      setCookies = List.copyOf(setCookies);
    }

    /** The Set-Cookie for {@code AWSALBAPP} once the target's response set the app cookie. */
    public String appStickinessCookie(Instant now) {
      return StickyCookies.setCookies(
              StickyCookies.APP,
              null,
              StickyCookies.targetValue(group.name(), target.target()),
              appCookieSeconds,
              now)
          .get(0);
    }
  }

  /** The target for a forward decision without cookies; null when the ALB answers 503. */
  public Decision.TargetRoute pick(Decision decision) {
    Pick pick = pick(decision, Map.of(), Instant.now());
    return pick == null ? null : pick.target();
  }

  /**
   * The pick for a forward decision and the request's cookies, or null when no group it may choose
   * has a registered target (the ALB answers 503).
   */
  public Pick pick(Decision decision, Map<String, String> cookies, Instant now) {
    ForwardAction forward = (ForwardAction) decision.action();
    Decision.GroupRoute group = null;
    List<String> setCookies = new ArrayList<>();
    String how = null;
    Integer groupSeconds = forward.stickinessSeconds();
    if (groupSeconds != null) {
      String named = StickyCookies.group(cookie(cookies, StickyCookies.GROUP));
      for (Decision.GroupRoute candidate : decision.groups()) {
        if (candidate.name().equals(named) && serves(candidate)) {
          group = candidate;
          how = "group " + named + " kept by the AWSALBTG cookie; ";
        }
      }
    }
    if (group == null) {
      group = pickGroup(decision);
      if (group == null) {
        return null;
      }
      how = decision.groups().size() > 1 ? "group " + group.name() + " by weight; " : "";
    }
    if (groupSeconds != null) {
      setCookies.addAll(
          StickyCookies.setCookies(
              StickyCookies.GROUP,
              StickyCookies.GROUP_CORS,
              StickyCookies.groupValue(group.name()),
              groupSeconds,
              now));
    }
    TargetGroup config = settings.get(group.name());
    String algorithm = config == null ? TargetGroup.ROUND_ROBIN : config.algorithm();
    boolean sticky = config != null && config.sticky();
    boolean app = sticky && TargetGroup.APP_COOKIE.equals(config.stickinessType());
    Decision.TargetRoute target = null;
    if (sticky) {
      String name = app ? StickyCookies.APP : StickyCookies.TARGET;
      TargetRef kept = StickyCookies.target(cookie(cookies, name), group.name());
      for (Decision.TargetRoute candidate : group.targets()) {
        if (candidate.target().equals(kept)) {
          target = candidate;
          how += "kept by the " + name + " cookie";
        }
      }
    }
    if (target == null) {
      StringBuilder why = new StringBuilder();
      target = byAlgorithm(group, config, algorithm, why);
      how += why;
    }
    if (sticky && !app) {
      setCookies.addAll(
          StickyCookies.setCookies(
              StickyCookies.TARGET,
              StickyCookies.TARGET_CORS,
              StickyCookies.targetValue(group.name(), target.target()),
              config.stickinessSeconds(),
              now));
    }
    return new Pick(
        group,
        target,
        algorithm,
        config == null ? 0 : config.slowStartSeconds(),
        sticky
            ? config.stickinessType()
                + " "
                + config.stickinessSeconds()
                + " s"
                + (app ? " on cookie " + config.stickinessCookieName() : "")
            : null,
        how,
        setCookies,
        app ? config.stickinessCookieName() : null,
        app ? config.stickinessSeconds() : 0);
  }

  /** A cookie or its CORS twin, or the empty string. */
  private static String cookie(Map<String, String> cookies, String name) {
    String value = cookies.get(name);
    if (value == null) {
      value = cookies.get(name + "CORS");
    }
    return value == null ? "" : value;
  }

  private Decision.TargetRoute byAlgorithm(
      Decision.GroupRoute group, TargetGroup config, String algorithm, StringBuilder why) {
    List<Decision.TargetRoute> targets = group.targets();
    if (targets.size() == 1) {
      why.append(algorithm).append(": the only routable target");
      return targets.get(0);
    }
    if (TargetGroup.LEAST_OUTSTANDING_REQUESTS.equals(algorithm)) {
      return leastOutstanding(group, why);
    }
    double[] weights = slowStartWeights(group, config);
    if (TargetGroup.WEIGHTED_RANDOM.equals(algorithm)) {
      if (weights == null) {
        weights = new double[targets.size()];
        java.util.Arrays.fill(weights, 1);
      }
      double total = 0;
      for (double weight : weights) {
        total += weight;
      }
      double draw = random.nextDouble() * total;
      int chosen = targets.size() - 1;
      for (int i = 0; i < targets.size(); i++) {
        draw -= weights[i];
        if (draw < 0) {
          chosen = i;
          break;
        }
      }
      why.append("weighted_random: drawn at random among ")
          .append(targets.size())
          .append(" targets");
      slowStartNote(targets.get(chosen), weights[chosen], why);
      return targets.get(chosen);
    }
    if (weights == null) {
      int turn = turn(targetTurns, group.name());
      why.append("round_robin: the next of ").append(targets.size()).append(" targets in turn");
      return targets.get(Math.floorMod(turn, targets.size()));
    }
    int chosen =
        rotations.computeIfAbsent(group.name(), g -> new Rotation()).next(targets, weights);
    why.append("round_robin: the next in turn, weighted by slow start");
    slowStartNote(targets.get(chosen), weights[chosen], why);
    return targets.get(chosen);
  }

  private Decision.TargetRoute leastOutstanding(Decision.GroupRoute group, StringBuilder why) {
    List<Decision.TargetRoute> targets = group.targets();
    int start = Math.floorMod(turn(targetTurns, group.name()), targets.size());
    int best = -1;
    int fewest = Integer.MAX_VALUE;
    for (int i = 0; i < targets.size(); i++) {
      int index = (start + i) % targets.size();
      int count = outstanding(group.name(), targets.get(index).target());
      if (count < fewest) {
        fewest = count;
        best = index;
      }
    }
    why.append("least_outstanding_requests: ")
        .append(fewest)
        .append(" request(s) in flight, the fewest of ")
        .append(targets.size())
        .append(" targets");
    return targets.get(best);
  }

  private static void slowStartNote(Decision.TargetRoute target, double weight, StringBuilder why) {
    if (weight < 1) {
      why.append(" (")
          .append(target.target().key())
          .append(" is in slow start at ")
          .append(Math.round(weight * 100))
          .append("% of its share)");
    }
  }

  /** Each target's share under slow start (1 when past it), or null when none is in it. */
  private double[] slowStartWeights(Decision.GroupRoute group, TargetGroup config) {
    if (config == null || config.slowStartSeconds() == 0 || slowStartSince.isEmpty()) {
      return null;
    }
    long now = nanos.getAsLong();
    long duration = config.slowStartSeconds() * 1_000_000_000L;
    double[] weights = new double[group.targets().size()];
    boolean any = false;
    for (int i = 0; i < weights.length; i++) {
      GroupTarget key = key(group.name(), group.targets().get(i).target());
      Long since = slowStartSince.get(key);
      long elapsed = since == null ? duration : now - since;
      if (elapsed >= duration) {
        weights[i] = 1;
        if (since != null) {
          slowStartSince.remove(key, since);
        }
      } else {
        // Never zero, so a target in slow start still gets a first request.
        weights[i] = Math.max(elapsed, 1_000_000_000L) / (double) duration;
        any = true;
      }
    }
    return any ? weights : null;
  }

  /**
   * A target became healthy: with slow start it ramps up, unless no other target of its group was
   * healthy (AWS lets targets that join an empty group skip slow start).
   */
  public void becameHealthy(String group, TargetRef target, boolean othersHealthy) {
    TargetGroup config = settings.get(group);
    if (config != null && config.slowStartSeconds() > 0 && othersHealthy) {
      slowStartSince.put(key(group, target), nanos.getAsLong());
    }
  }

  /** A target stopped being healthy: it leaves slow start. */
  public void leftHealthy(String group, TargetRef target) {
    slowStartSince.remove(key(group, target));
  }

  /** A request was sent to the picked target. */
  public void started(Pick pick) {
    outstanding
        .computeIfAbsent(key(pick.group().name(), pick.target().target()), k -> new AtomicInteger())
        .incrementAndGet();
  }

  /** A request sent to the picked target has its whole answer, or failed. */
  public void finished(Pick pick) {
    AtomicInteger count = outstanding.get(key(pick.group().name(), pick.target().target()));
    if (count != null) {
      count.decrementAndGet();
    }
  }

  /** Requests in flight to a target. */
  public int outstanding(String group, TargetRef target) {
    AtomicInteger count = outstanding.get(key(group, target));
    return count == null ? 0 : count.get();
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

  private static GroupTarget key(String group, TargetRef target) {
    return new GroupTarget(group, target);
  }

  private static int turn(ConcurrentHashMap<String, AtomicInteger> turns, String key) {
    AtomicInteger counter = turns.get(key);
    if (counter == null) {
      counter = turns.computeIfAbsent(key, k -> new AtomicInteger());
    }
    return counter.getAndIncrement();
  }

  /** Smooth weighted round robin over one group's targets: exact shares, evenly interleaved. */
  private static final class Rotation {
    private final Map<String, Double> current = new HashMap<>();

    synchronized int next(List<Decision.TargetRoute> targets, double[] weights) {
      double total = 0;
      int best = -1;
      double bestValue = 0;
      for (int i = 0; i < targets.size(); i++) {
        String key = targets.get(i).target().key();
        double value = current.getOrDefault(key, 0.0) + weights[i];
        current.put(key, value);
        total += weights[i];
        if (best < 0 || value > bestValue) {
          best = i;
          bestValue = value;
        }
      }
      current.put(targets.get(best).target().key(), bestValue - total);
      return best;
    }
  }
}
