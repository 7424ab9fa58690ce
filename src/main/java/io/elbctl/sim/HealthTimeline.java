package io.elbctl.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replays a scripted list of health-check outcomes for one target through a {@link HealthModel}:
 * check {@code k} starts at {@code k × interval} and completes at once, or after the timeout when
 * it times out, as the ALB health checker would.
 */
public final class HealthTimeline {
  private HealthTimeline() {}

  /** One check of the script: when it completed, what it saw, the state after it, any change. */
  public record Step(
      int check,
      Duration at,
      ProbeOutcome outcome,
      TargetHealth after,
      Optional<StateChange> change) {}

  /** Runs the script from a freshly registered target (state {@code initial}). */
  public static List<Step> run(
      HealthModel model, String group, TargetRef target, List<ProbeOutcome> outcomes) {
    HealthSettings settings = model.settings(group);
    model.set(group, target, TargetState.initial, Duration.ZERO);
    List<Step> steps = new ArrayList<>();
    for (int k = 0; k < outcomes.size(); k++) {
      ProbeOutcome outcome = outcomes.get(k);
      Duration start = settings.interval().multipliedBy(k);
      Duration at =
          outcome.kind() == ProbeOutcome.Kind.TIMEOUT ? start.plus(settings.timeout()) : start;
      Optional<StateChange> change = model.record(group, target, outcome, at);
      steps.add(new Step(k + 1, at, outcome, model.health(group, target), change));
    }
    return steps;
  }

  /** Parses {@code 200,200,302,timeout}. */
  public static List<ProbeOutcome> parse(String script) {
    List<ProbeOutcome> outcomes = new ArrayList<>();
    for (String item : script.split(",")) {
      if (!item.isBlank()) {
        outcomes.add(ProbeOutcome.parse(item));
      }
    }
    if (outcomes.isEmpty()) {
      throw new IllegalArgumentException("a health timeline needs at least one outcome");
    }
    return outcomes;
  }
}
