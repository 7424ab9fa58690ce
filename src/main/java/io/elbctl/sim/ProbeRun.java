package io.elbctl.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Probes a set of targets in rounds, all targets of a round in parallel, feeding each outcome into
 * a {@link HealthModel} until every target has left {@code initial} (or the unhealthy threshold of
 * rounds has passed). Rounds follow each other at once rather than at the check interval: a local
 * app answers the same way each time, so waiting would only delay the answer.
 */
public final class ProbeRun {
  private ProbeRun() {}

  /** One target to check: its group, the target, and where the check is sent. */
  public record Subject(String group, TargetRef target, HealthProber.ProbeTarget sendTo) {}

  /** What the checks of one target saw and the state they led to. */
  public record Report(
      Subject subject,
      List<ProbeOutcome> outcomes,
      TargetHealth health,
      Optional<String> pitfall) {}

  /**
   * Runs the rounds.
   *
   * @param timeout the per-check timeout, or null for each group's configured timeout
   */
  public static List<Report> run(HealthModel model, List<Subject> subjects, Duration timeout) {
    List<List<ProbeOutcome>> seen = new ArrayList<>();
    int rounds = 1;
    for (Subject subject : subjects) {
      model.set(subject.group(), subject.target(), TargetState.initial, Duration.ZERO);
      seen.add(new ArrayList<>());
      rounds = Math.max(rounds, model.settings(subject.group()).unhealthyThreshold());
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(16, subjects.size())),
            r -> {
              Thread thread = new Thread(r, "health-probe");
              thread.setDaemon(true);
              return thread;
            });
    try {
      for (int round = 0; round < rounds; round++) {
        List<Future<ProbeOutcome>> pending = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
          Subject subject = subjects.get(i);
          if (model.state(subject.group(), subject.target()) != TargetState.initial) {
            continue;
          }
          Duration limit = timeout != null ? timeout : model.settings(subject.group()).timeout();
          pending.add(pool.submit(() -> HealthProber.probe(subject.sendTo(), limit)));
          indexes.add(i);
        }
        if (pending.isEmpty()) {
          break;
        }
        for (int k = 0; k < pending.size(); k++) {
          Subject subject = subjects.get(indexes.get(k));
          ProbeOutcome outcome = await(pending.get(k));
          seen.get(indexes.get(k)).add(outcome);
          Duration at = model.settings(subject.group()).interval().multipliedBy(round);
          model.record(subject.group(), subject.target(), outcome, at);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    List<Report> reports = new ArrayList<>();
    for (int i = 0; i < subjects.size(); i++) {
      Subject subject = subjects.get(i);
      List<ProbeOutcome> outcomes = seen.get(i);
      HealthSettings settings = model.settings(subject.group());
      Duration limit = timeout != null ? timeout : settings.timeout();
      Optional<String> pitfall =
          outcomes.isEmpty()
              ? Optional.empty()
              : HealthProber.pitfall(
                  outcomes.get(outcomes.size() - 1), settings.matcher(), subject.sendTo(), limit);
      reports.add(
          new Report(subject, outcomes, model.health(subject.group(), subject.target()), pitfall));
    }
    return reports;
  }

  private static ProbeOutcome await(Future<ProbeOutcome> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ProbeOutcome.failed("interrupted");
    } catch (ExecutionException e) {
      return ProbeOutcome.failed("probe failed: " + e.getCause());
    }
  }
}
