package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.ExitCode;
import io.elbctl.plan.Destroyer;
import io.elbctl.steps.Teardown;

/** What destroy does with an open run: plan the deletions, confirm, run them, report. */
final class DestroyFlow {
  private DestroyFlow() {}

  static int run(AwsRun run, Mutation mutation) {
    AwsSession.Destroying destroying = run.session.destroyPlan();
    Destroyer.DestroyPlan plan = destroying.plan();
    run.renderer.destroy(run.log, PlanRenderer.destroyTitle(run.spec, run.region()), plan);
    ObjectNode json = PlanRenderer.destroyJson(run.spec.name(), run.region(), plan);
    boolean act = !plan.changes().isEmpty();
    if (act
        && !mutation.confirmed(
            "Delete these resources?", "Destroy cancelled; nothing was deleted.")) {
      return ExitCode.OK.code;
    }
    if (!act && plan.kept().isEmpty()) {
      // A destroy that died after its last deletion left the lock record behind.
      run.session.removeLockIfGone(
          destroying.inventory(), mutation.forceUnlock(), mutation.progress());
    }
    if (act) {
      mutation.run(
          "Destroying:",
          destroying.inventory(),
          (context, held) -> {
            Teardown.run(plan, context);
            if (plan.kept().isEmpty()) {
              held.remove();
            }
          });
      mutation.complete(
          "Destroy complete:",
          plan.changes().size()
              + " deleted"
              + (plan.kept().isEmpty() ? "." : ", " + plan.kept().size() + " kept."));
    }
    json.put("destroyed", act);
    run.finish(json);
    return ExitCode.OK.code;
  }
}
