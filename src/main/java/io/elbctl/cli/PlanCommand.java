package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.ExitCode;
import io.elbctl.plan.Plan;
import io.elbctl.plan.StepKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
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
  @Mixin SpecOptions specOptions;
  @Mixin AwsOptions aws;
  @Mixin OutputOptions output;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Spec file.")
  Path positional;

  @Option(
      names = "--adopt",
      description =
          "Take over resources in the spec's place that it did not create (same load balancer or"
              + " target group name, a record at an alias name, a rule at a spec priority): tag"
              + " them and manage them from now on.")
  boolean adopt;

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
    PrintWriter out = command.commandLine().getOut();
    io.elbctl.spec.Spec spec = specOptions.load(positional, command.commandLine().getErr());
    PlanRenderer renderer = new PlanRenderer(root.terminal());
    try (AwsSession session = new AwsSession(spec, aws, root.env())) {
      String region = session.region();
      ObjectNode json;
      boolean changes;
      ExitCode refused = null;
      if (destroy) {
        var plan = session.destroyPlan().plan();
        json = PlanRenderer.destroyJson(spec.name(), region, plan);
        if (!output.json()) {
          renderer.destroy(out, PlanRenderer.destroyTitle(spec, region), plan);
        }
        changes = !plan.changes().isEmpty();
      } else {
        Plan plan = session.plan(adopt).plan();
        List<StepKind> steps = List.of(StepKind.values());
        json = PlanRenderer.json(spec.name(), region, plan, steps);
        if (!output.json()) {
          renderer.text(out, PlanRenderer.title(spec, region), plan, steps);
        }
        changes = plan.hasChanges();
        refused = plan.refused() ? plan.refusals().get(0).exitCode() : null;
      }
      renderer.finish(out, json, output.json(), aws.stats ? session.stats : null);
      if (refused != null) {
        return refused.code;
      }
      return detailedExitcode && changes ? ExitCode.CHANGES.code : ExitCode.OK.code;
    }
  }
}
