package io.elbctl.cli;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.plan.Plan;
import io.elbctl.plan.Refusal;
import io.elbctl.plan.StepKind;
import io.elbctl.steps.Provisioner;
import io.elbctl.steps.StepContext;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Runs one of the six provisioning steps alone: reads live state, prints that step's part of the
 * plan and applies it; idempotent, so running the six in order equals one apply.
 */
abstract class StepCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @ParentCommand ElbctlCommand root;
  @Mixin SpecOptions specOptions;
  @Mixin AwsOptions aws;
  @Mixin WaitOptions wait;
  @Mixin LockOptions lock;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Spec file.")
  Path positional;

  abstract StepKind step();

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    io.elbctl.spec.Spec spec = specOptions.load(positional, command.commandLine().getErr());
    var timeout = wait.timeout();
    PlanRenderer renderer = new PlanRenderer(root.terminal());
    try (AwsSession session = new AwsSession(spec, aws, root.env())) {
      AwsSession.Planned planned = session.plan();
      Plan plan = planned.plan();
      List<StepKind> shown = List.of(step());
      renderer.text(
          out,
          "Step " + step().label + " for " + spec.name() + " in " + session.region() + ":",
          plan,
          shown);
      for (Refusal refusal : plan.refusals()) {
        if (refusal.step() == step() || refusal.step() == StepKind.DOMAIN) {
          throw new ElbctlException(refusal.exitCode(), "refused: " + refusal.message() + ".");
        }
      }
      ConsoleProgress progress = new ConsoleProgress(out, root.terminal());
      StepContext context = session.context(planned.inventory(), progress, timeout);
      if (!plan.of(step()).isEmpty()) {
        out.println();
        try (var held = session.lock(planned.inventory(), timeout, lock.forceUnlock, progress)) {
          Provisioner.apply(plan, context, step());
        }
      } else if (step() == StepKind.CERTIFICATE) {
        out.println();
        Provisioner.apply(plan, context, step());
      }
      if (aws.stats) {
        renderer.stats(out, session.stats);
      }
      out.flush();
      return ExitCode.OK.code;
    }
  }
}
