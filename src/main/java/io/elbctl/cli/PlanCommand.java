package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.ExitCode;
import io.elbctl.plan.Plan;
import io.elbctl.plan.StepKind;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code elbctl plan}: reads live state with read-only calls and prints what apply would do. */
@Command(
    name = "plan",
    description = {
      "Show what apply would change, step by step: + create, ~ update (old → new), - delete.",
      "Makes only read-only AWS calls."
    })
public final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @ParentCommand ElbctlCommand root;
  @Mixin SpecFileOptions specFile;
  @Mixin AwsOptions aws;
  @Mixin OutputOptions output;
  @Mixin AdoptOptions adopt;

  @Option(
      names = "--detailed-exitcode",
      description =
          "Exit 0 when there are no changes, 2 when there are (spec changes or drift), 1 on"
              + " error.")
  boolean detailedExitcode;

  @Option(
      names = "--destroy",
      description =
          "Show what destroy would delete (only what this spec owns, in the order it runs) and"
              + " what it keeps.")
  boolean destroy;

  @Override
  public Integer call() {
    try (AwsRun run = AwsRun.open(command, root, specFile, aws, output)) {
      ObjectNode json;
      boolean changes;
      ExitCode refused = null;
      if (destroy) {
        var plan = run.session.destroyPlan().plan();
        json = PlanRenderer.destroyJson(run.spec.name(), run.region(), plan);
        if (!run.json()) {
          run.renderer.destroy(run.out, PlanRenderer.destroyTitle(run.spec, run.region()), plan);
        }
        changes = !plan.changes().isEmpty();
      } else {
        Plan plan = run.session.plan(adopt.adopt).plan();
        json = PlanRenderer.json(run.spec.name(), run.region(), plan, STEPS);
        if (!run.json()) {
          run.renderer.text(run.out, PlanRenderer.title(run.spec, run.region()), plan, STEPS);
        }
        changes = plan.hasChanges();
        refused = plan.refused() ? plan.refusals().get(0).exitCode() : null;
      }
      run.finish(json);
      if (refused != null) {
        return refused.code;
      }
      return detailedExitcode && changes ? ExitCode.CHANGES.code : ExitCode.OK.code;
    }
  }

  private static final List<StepKind> STEPS = List.of(StepKind.values());
}
