package io.elbctl.steps;

import io.elbctl.plan.Change;
import io.elbctl.plan.StepKind;
import java.util.List;

/** Step 1: the public hosted zone must exist; elbctl never creates or changes it. */
public final class DomainStep implements Step<Change> {
  @Override
  public StepKind kind() {
    return StepKind.DOMAIN;
  }

  @Override
  public Class<Change> changes() {
    return Change.class;
  }

  @Override
  public void apply(List<Change> changes, StepContext context) {
    for (Change change : changes) {
      throw new AssertionError(change);
    }
    context.report(
        "= hosted zone " + context.spec().domain().hostedZone() + " (" + context.zoneId() + ")");
  }
}
