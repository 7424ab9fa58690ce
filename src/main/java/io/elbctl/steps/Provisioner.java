package io.elbctl.steps;

import io.elbctl.plan.Change;
import io.elbctl.plan.Ownership;
import io.elbctl.plan.Plan;
import io.elbctl.plan.StepKind;
import java.util.ArrayList;
import java.util.List;

/** Runs the planned changes through the six steps, in order, in one {@link StepContext}. */
public final class Provisioner {
  private Provisioner() {}

  /**
   * Applies every step, then writes the spec-hash tag on the existing resources it changed; a
   * certificate requested now is waited for before returning.
   */
  public static void apply(Plan plan, StepContext context) {
    for (Step<?> step : Step.all()) {
      run(step, plan.of(step.kind()), context);
    }
    if (context.spec().certificate() != null && context.certificatePending()) {
      context.issuedCertificate();
    }
    for (StepKind kind : StepKind.values()) {
      stamp(plan, context, kind);
    }
  }

  /** Applies one step alone; the certificate step alone also waits for ISSUED. */
  public static void apply(Plan plan, StepContext context, StepKind kind) {
    for (Step<?> step : Step.all()) {
      if (step.kind() == kind) {
        run(step, plan.of(kind), context);
      }
    }
    if (kind == StepKind.CERTIFICATE && context.spec().certificate() != null) {
      context.issuedCertificate();
    }
    stamp(plan, context, kind);
  }

  /** Tags adopted resources first, so the step's own changes act on what the spec now owns. */
  private static <C extends Change> void run(
      Step<C> step, List<Change> changes, StepContext context) {
    List<C> rest = new ArrayList<>();
    for (Change change : changes) {
      if (change instanceof Change.Adopt adopt) {
        if (adopt.service().equals("ec2")) {
          context.aws().tagSecurityGroup(adopt.id(), context.tags());
        } else {
          context.aws().addTags(adopt.id(), context.tags());
        }
        context.report("~ adopted " + adopt.resource());
      } else {
        rest.add(step.changes().cast(change));
      }
    }
    step.apply(rest, context);
  }

  private static void stamp(Plan plan, StepContext context, StepKind kind) {
    for (Plan.Stamp stamp : plan.stamps()) {
      if (stamp.step() != kind) {
        continue;
      }
      context.aws().addTags(stamp.arn(), Ownership.tags(context.spec().name(), stamp.hash()));
    }
  }
}
