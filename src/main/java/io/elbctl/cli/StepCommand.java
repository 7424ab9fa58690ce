package io.elbctl.cli;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.plan.Plan;
import io.elbctl.plan.Refusal;
import io.elbctl.plan.StepKind;
import io.elbctl.steps.Provisioner;
import io.elbctl.steps.StepContext;
import java.util.List;

/**
 * Runs one of the six provisioning steps alone: reads live state, prints that step's part of the
 * plan and applies it; idempotent, so running the six in order equals one apply.
 */
abstract class StepCommand extends ChangeCommand {
  /** The step this command runs: the one its command name names. */
  StepKind step() {
    for (StepKind kind : StepKind.values()) {
      if (kind.label.equals(command.name())) {
        return kind;
      }
    }
    throw new AssertionError(command.name());
  }

  @Override
  public Integer call() {
    try (AwsRun run = open(null)) {
      AwsSession.Planned planned = run.session.plan();
      Plan plan = planned.plan();
      String title =
          "Step " + step().label + " for " + run.spec.name() + " in " + run.region() + ":";
      run.renderer.text(run.out, title, plan, List.of(step()));
      for (Refusal refusal : plan.refusals()) {
        if (refusal.step() == step() || refusal.step() == StepKind.DOMAIN) {
          throw new ElbctlException(refusal.exitCode(), "refused: " + refusal.message() + ".");
        }
      }
      ConsoleProgress progress = new ConsoleProgress(run.out, run.terminal);
      StepContext context = run.session.context(planned.inventory(), progress, wait.timeout());
      if (!plan.of(step()).isEmpty()) {
        run.out.println();
        try (var held =
            run.session.lock(planned.inventory(), wait.timeout(), lock.forceUnlock, progress)) {
          Provisioner.apply(plan, context, step());
        }
      } else if (step() == StepKind.CERTIFICATE) {
        run.out.println();
        Provisioner.apply(plan, context, step());
      }
      run.finish(null);
      return ExitCode.OK.code;
    }
  }
}
