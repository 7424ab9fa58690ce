package io.elbctl.sim;

import io.elbctl.spec.Spec;
import io.elbctl.spec.TargetGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The ALB health checker's state machine for every target of every group. Feed it probe outcomes
 * (scripted or real) with {@link #record}; it applies the thresholds and matcher, keeps AWS reason
 * codes, and reports each state change to its listeners. Thread-safe: each target's state is
 * updated under its own lock, so probes for different targets never contend.
 */
public final class HealthModel implements HealthView {
  private final Map<String, HealthSettings> settings = new LinkedHashMap<>();
  private final Map<String, Map<TargetRef, Tracker>> groups = new ConcurrentHashMap<>();
  private final Semantics semantics;
  private final List<Consumer<StateChange>> listeners = new CopyOnWriteArrayList<>();

  private HealthModel(Spec spec, Semantics semantics, boolean startHealthy) {
    this.semantics = semantics;
    Set<String> used = spec.groupsInUse();
    for (TargetGroup group : spec.targetGroups()) {
      settings.put(group.name(), HealthSettings.of(group));
      Map<TargetRef, Tracker> trackers = new ConcurrentHashMap<>();
      for (io.elbctl.spec.Target target : group.targets()) {
        TargetRef ref = new TargetRef(target.id(), group.portOf(target));
        Tracker tracker = new Tracker(group.name(), ref);
        if (!used.contains(group.name())) {
          tracker.set(
              TargetState.unused,
              "Target.NotInUse",
              "Target group is not configured to receive traffic from the load balancer");
        } else if (startHealthy) {
          tracker.set(TargetState.healthy, null, null);
        }
        trackers.put(ref, tracker);
      }
      groups.put(group.name(), trackers);
    }
  }

  /**
   * Every target just registered: {@code initial} with {@code Elb.RegistrationInProgress}; targets
   * of groups no listener forwards to are {@code unused} with {@code Target.NotInUse}.
   */
  public static HealthModel registered(Spec spec, Semantics semantics) {
    return new HealthModel(spec, semantics, false);
  }

  /** Every target of a group in use already healthy, the simulator's assumption by default. */
  public static HealthModel healthy(Spec spec, Semantics semantics) {
    return new HealthModel(spec, semantics, true);
  }

  /** Names of the groups some listener action forwards to, whatever their weight. */
  public static Set<String> groupsInUse(Spec spec) {
    return spec.groupsInUse();
  }

  /** Receives every state change, from whichever thread records it. */
  public void addListener(Consumer<StateChange> listener) {
    listeners.add(listener);
  }

  public HealthSettings settings(String group) {
    HealthSettings found = settings.get(group);
    if (found == null) {
      throw new IllegalArgumentException("no target group named '" + group + "'");
    }
    return found;
  }

  /** Targets of a group, in spec order. */
  public List<TargetRef> targets(String group) {
    Map<TargetRef, Tracker> trackers = groups.get(group);
    return trackers == null ? List.of() : List.copyOf(trackers.keySet());
  }

  @Override
  public TargetState state(String group, TargetRef target) {
    Tracker tracker = tracker(group, target);
    return tracker == null ? TargetState.unused : tracker.snapshot().state();
  }

  /** The target's health as DescribeTargetHealth would show it. */
  public TargetHealth health(String group, TargetRef target) {
    Tracker tracker = tracker(group, target);
    if (tracker == null) {
      return new TargetHealth(
          group,
          target,
          TargetState.unused,
          "Target.NotRegistered",
          "Target is not registered to the target group");
    }
    return tracker.snapshot();
  }

  /** Every target's health in one group. */
  public List<TargetHealth> describe(String group) {
    List<TargetHealth> out = new ArrayList<>();
    for (TargetRef target : targets(group)) {
      out.add(health(group, target));
    }
    return out;
  }

  /** Applies one health-check outcome at time {@code at}; returns the state change it caused. */
  public Optional<StateChange> record(
      String group, TargetRef target, ProbeOutcome outcome, Duration at) {
    Tracker tracker = requireTracker(group, target);
    HealthSettings config = settings(group);
    Optional<StateChange> change = tracker.record(outcome, config, semantics, at);
    change.ifPresent(this::publish);
    return change;
  }

  /** Forces a state (as the user states it), with the reason code AWS would show. */
  public Optional<StateChange> set(String group, TargetRef target, TargetState state, Duration at) {
    Tracker tracker = requireTracker(group, target);
    Optional<StateChange> change = tracker.force(state, at);
    change.ifPresent(this::publish);
    return change;
  }

  /** Starts deregistration: the target drains and receives no new requests. */
  public Optional<StateChange> deregister(String group, TargetRef target, Duration at) {
    return set(group, target, TargetState.draining, at);
  }

  private void publish(StateChange change) {
    for (Consumer<StateChange> listener : listeners) {
      listener.accept(change);
    }
  }

  private Tracker tracker(String group, TargetRef target) {
    Map<TargetRef, Tracker> trackers = groups.get(group);
    return trackers == null ? null : trackers.get(target);
  }

  private Tracker requireTracker(String group, TargetRef target) {
    Tracker tracker = tracker(group, target);
    if (tracker == null) {
      throw new IllegalArgumentException(
          groups.containsKey(group)
              ? "target group '" + group + "' has no target " + target
              : "no target group named '" + group + "'");
    }
    return tracker;
  }

  /** The mutable state of one target, guarded by its own monitor. */
  private static final class Tracker {
    private final String group;
    private final TargetRef target;
    private TargetState state = TargetState.initial;
    private String reason = "Elb.RegistrationInProgress";
    private String description = "Target registration is in progress";
    private int successes;
    private int failures;

    Tracker(String group, TargetRef target) {
      this.group = group;
      this.target = target;
    }

    synchronized TargetHealth snapshot() {
      return new TargetHealth(group, target, state, reason, description);
    }

    synchronized void set(TargetState newState, String newReason, String newDescription) {
      state = newState;
      reason = newReason;
      description = newDescription;
      successes = 0;
      failures = 0;
    }

    synchronized Optional<StateChange> force(TargetState newState, Duration at) {
      TargetState from = state;
      switch (newState) {
        case initial:
          set(newState, "Elb.RegistrationInProgress", "Target registration is in progress");
          break;
        case healthy:
          set(newState, null, null);
          break;
        case unhealthy:
          set(newState, "Target.FailedHealthChecks", "Health checks failed");
          break;
        case draining:
          set(newState, "Target.DeregistrationInProgress", "Target deregistration is in progress");
          break;
        case unused:
          set(newState, "Target.NotRegistered", "Target is not registered to the target group");
          break;
        default:
          throw new AssertionError(newState);
      }
      return from == newState
          ? Optional.empty()
          : Optional.of(new StateChange(at, group, target, from, state, reason, description));
    }

    synchronized Optional<StateChange> record(
        ProbeOutcome outcome, HealthSettings config, Semantics semantics, Duration at) {
      if (!state.registered()) {
        // Unused and draining targets are not checked.
        return Optional.empty();
      }
      TargetState from = state;
      if (state == TargetState.initial) {
        reason = "Elb.InitialHealthChecking";
        description = "Initial health checks in progress";
      }
      boolean passed =
          outcome.kind() == ProbeOutcome.Kind.RESPONSE
              && config.matcher().accepts(outcome.status());
      if (passed) {
        successes++;
        failures = 0;
        int needed =
            state == TargetState.initial
                    && semantics.initialHealthy() == Semantics.InitialHealthy.one
                ? 1
                : config.healthyThreshold();
        if (state != TargetState.healthy && successes >= needed) {
          state = TargetState.healthy;
          reason = null;
          description = null;
        }
      } else {
        failures++;
        successes = 0;
        if (failures >= config.unhealthyThreshold()) {
          state = TargetState.unhealthy;
        }
        if (state == TargetState.unhealthy) {
          failureReason(outcome);
        }
      }
      return from == state
          ? Optional.empty()
          : Optional.of(new StateChange(at, group, target, from, state, reason, description));
    }

    private void failureReason(ProbeOutcome outcome) {
      switch (outcome.kind()) {
        case RESPONSE:
          reason = "Target.ResponseCodeMismatch";
          description = "Health checks failed with these codes: [" + outcome.status() + "]";
          break;
        case TIMEOUT:
          reason = "Target.Timeout";
          description = "Request timed out";
          break;
        default:
          reason = "Target.FailedHealthChecks";
          description = "Health checks failed";
          break;
      }
    }
  }
}
