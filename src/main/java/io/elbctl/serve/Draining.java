package io.elbctl.serve;

import io.elbctl.sim.GroupTarget;
import io.elbctl.sim.HealthModel;
import io.elbctl.sim.TargetPicker;
import io.elbctl.sim.TargetRef;
import io.elbctl.sim.TargetState;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The deregistration delay as the ALB applies it: a target that is deregistered, or fails its
 * health checks while others of its group are healthy, gets no new requests; those in flight run on
 * until the group's {@code deregistrationDelaySeconds} ends, then its connections are closed (a
 * client still waiting gets 502) and a deregistered target leaves the group.
 */
final class Draining {
  private final LocalAlb alb;
  private final Map<GroupTarget, Set<TargetCall>> calls = new ConcurrentHashMap<>();
  private final Map<GroupTarget, Future<?>> timers = new ConcurrentHashMap<>();
  private final long startNanos = System.nanoTime();

  Draining(LocalAlb alb) {
    this.alb = alb;
  }

  void started(TargetPicker.Pick pick, TargetCall call) {
    calls
        .computeIfAbsent(
            key(pick.group().name(), pick.target().target()), k -> ConcurrentHashMap.newKeySet())
        .add(call);
  }

  void finished(TargetPicker.Pick pick, TargetCall call) {
    Set<TargetCall> running = calls.get(key(pick.group().name(), pick.target().target()));
    if (running != null) {
      running.remove(call);
    }
  }

  /** Requests in flight to a target of a group. */
  int inFlight(String group, TargetRef target) {
    Set<TargetCall> running = calls.get(key(group, target));
    return running == null ? 0 : running.size();
  }

  /** Starts draining a deregistered target; it is unregistered when the delay ends. */
  void deregister(String group, TargetRef target) {
    alb.health.deregister(group, target, now());
    schedule(
        group,
        target,
        () -> {
          close(group, target);
          alb.health.set(group, target, TargetState.unused, now());
        });
  }

  /** Registers a target again: it starts over as {@code initial} and is health-checked. */
  void register(String group, TargetRef target) {
    cancel(group, target);
    alb.health.set(group, target, TargetState.initial, now());
  }

  /**
   * A target failed its health checks: unless it is healthy again or its group fails open when the
   * delay ends, its remaining connections are closed.
   */
  void unhealthy(String group, TargetRef target) {
    schedule(
        group,
        target,
        () -> {
          HealthModel health = alb.health;
          boolean failOpen =
              health.targets(group).stream()
                  .noneMatch(t -> health.state(group, t) == TargetState.healthy);
          if (health.state(group, target) == TargetState.unhealthy && !failOpen) {
            close(group, target);
          }
        });
  }

  private void schedule(String group, TargetRef target, Runnable end) {
    long delay =
        alb.config.spec().targetGroup(group).orElseThrow().deregistrationDelaySeconds() * 1000L;
    cancel(group, target);
    timers.put(
        key(group, target),
        alb.transport.loops.schedule(
            () -> {
              timers.remove(key(group, target));
              end.run();
            },
            delay,
            TimeUnit.MILLISECONDS));
  }

  private void cancel(String group, TargetRef target) {
    Future<?> timer = timers.remove(key(group, target));
    if (timer != null) {
      timer.cancel(false);
    }
  }

  private void close(String group, TargetRef target) {
    Set<TargetCall> running = calls.remove(key(group, target));
    if (running != null) {
      for (TargetCall call : running) {
        call.loop().execute(call::drained);
      }
    }
    alb.targets.closeIdle(target.id(), target.port());
  }

  private Duration now() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static GroupTarget key(String group, TargetRef target) {
    return new GroupTarget(group, target);
  }
}
