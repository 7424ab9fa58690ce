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
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
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
      names = "--detailed-exitcode",
      description = "Exit 0 when there are no changes, 2 when there are, 1 on error.")
  boolean detailedExitcode;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    io.elbctl.spec.Spec spec = specOptions.load(positional, command.commandLine().getErr());
    try (AwsSession session = new AwsSession(spec, aws, root.env())) {
      Plan plan = session.plan().plan();
      List<StepKind> steps = List.of(StepKind.values());
      PlanRenderer renderer = new PlanRenderer(root.terminal());
      if (output.json()) {
        ObjectNode json = PlanRenderer.json(spec.name(), session.region(), plan, steps);
        if (aws.stats) {
          json.set("stats", PlanRenderer.statsJson(session.stats));
        }
        out.println(Json.pretty(json));
      } else {
        renderer.text(out, title(spec, session.region()), plan, steps);
        if (aws.stats) {
          renderer.stats(out, session.stats);
        }
      }
      out.flush();
      if (plan.refused()) {
        return plan.refusals().get(0).exitCode().code;
      }
      return detailedExitcode && plan.hasChanges() ? ExitCode.CHANGES.code : ExitCode.OK.code;
    }
  }

  static String title(io.elbctl.spec.Spec spec, String region) {
    return "Plan for " + spec.name() + " in " + region + ":";
  }
}
