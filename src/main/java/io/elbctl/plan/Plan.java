package io.elbctl.plan;

import java.util.List;

/** The ordered changes that make AWS match the spec, and anything that blocks applying them. */
public record Plan(List<Change> changes, List<Refusal> refusals) {
  public Plan {
    changes = List.copyOf(changes);
    refusals = List.copyOf(refusals);
  }

  public boolean hasChanges() {
    return !changes.isEmpty();
  }

  public boolean refused() {
    return !refusals.isEmpty();
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
}
