package io.elbctl.plan;

import java.util.List;

/**
 * The ordered changes that make AWS match the spec, and anything that blocks applying them; {@code
 * drift} lists the changes that undo edits made outside elbctl, and {@code stamps} the tags to
 * write on existing resources once their changes are made.
 */
public record Plan(
    List<Change> changes, List<Refusal> refusals, List<Change> drift, List<Stamp> stamps) {
  public Plan {
    changes = List.copyOf(changes);
    refusals = List.copyOf(refusals);
    drift = List.copyOf(drift);
    stamps = List.copyOf(stamps);
  }

  public Plan(List<Change> changes, List<Refusal> refusals) {
    this(changes, refusals, List.of(), List.of());
  }

  public boolean hasChanges() {
    return !changes.isEmpty();
  }

  public boolean refused() {
    return !refusals.isEmpty();
  }

  /** True when {@code change} restores something changed outside elbctl. */
  public boolean isDrift(Change change) {
    return drift.contains(change);
  }

  public List<Change> of(StepKind step) {
    return changes.stream().filter(c -> c.step() == step).toList();
  }

  public List<Refusal> refusalsOf(StepKind step) {
    return refusals.stream().filter(r -> r.step() == step).toList();
  }

  public long count(Change.Kind kind) {
    return changes.stream().filter(c -> c.kind() == kind).count();
  }

  /** The hash tag to write on an existing load balancer, listener or target group. */
  public record Stamp(StepKind step, String arn, String resource, String hash) {}
}
