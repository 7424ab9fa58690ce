package io.elbctl.steps;

import io.elbctl.plan.Plan;
import io.elbctl.plan.StepKind;

/** Runs the planned changes through the six steps, in order, in one {@link StepContext}. */
public final class Provisioner {
  private Provisioner() {}

  /** Applies every step; a certificate requested now is waited for before returning. */
  public static void apply(Plan plan, StepContext context) {
    for (Step step : Step.all()) {
      step.apply(plan.of(step.kind()), context);
    }
    if (context.spec().certificate() != null && context.certificatePending()) {
      context.issuedCertificate();
    }
  }

  /** Applies one step alone; the certificate step alone also waits for ISSUED. */
  public static void apply(Plan plan, StepContext context, StepKind kind) {
    for (Step step : Step.all()) {
      if (step.kind() == kind) {
        step.apply(plan.of(kind), context);
      }
    }
    if (kind == StepKind.CERTIFICATE && context.spec().certificate() != null) {
      context.issuedCertificate();
    }
  }
}
