package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.ExitCode;
import io.elbctl.steps.Teardown;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code elbctl destroy}: deletes what this spec owns, in the order AWS allows. */
@Command(
    name = "destroy",
    description = {
      "Delete what this spec created, and nothing else: alias records, rules, listeners, the",
      "load balancer (waiting until it is gone), its security group, target groups, the",
      "certificate once no listener uses it, and validation records no other certificate needs.",
      "The hosted zone is never deleted. Asks for confirmation on a terminal; elsewhere --yes is",
      "required. Running it again is harmless. Preview with: elbctl plan --destroy."
    })
public final class DestroyCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @ParentCommand ElbctlCommand root;
  @Mixin SpecOptions specOptions;
  @Mixin AwsOptions aws;
  @Mixin WaitOptions wait;
  @Mixin LockOptions lock;
  @Mixin OutputOptions output;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Spec file.")
  Path positional;

  @Option(
      names = {"-y", "--yes"},
      description = "Destroy without asking (required when not run on a terminal).")
  boolean yes;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    Confirmation.requireYesOffTerminal(yes, root.terminal(), "destroy", "deleted");
    io.elbctl.spec.Spec spec = specOptions.load(positional, err);
    Duration timeout = wait.timeout();
    PrintWriter log = output.json() ? err : out;
    PlanRenderer renderer = new PlanRenderer(root.terminal());
    try (AwsSession session = new AwsSession(spec, aws, root.env())) {
      Mutation mutation = new Mutation(session, root.terminal(), out, log);
      AwsSession.Destroying destroying = session.destroyPlan();
      var plan = destroying.plan();
      renderer.destroy(log, PlanRenderer.destroyTitle(spec, session.region()), plan);
      ObjectNode json = PlanRenderer.destroyJson(spec.name(), session.region(), plan);
      boolean act = !plan.changes().isEmpty();
      if (act
          && !mutation.confirmed(
              yes, "Delete these resources?", "Destroy cancelled; nothing was deleted.")) {
        return ExitCode.OK.code;
      }
      if (!act && plan.kept().isEmpty()) {
        // A destroy that died after its last deletion left the lock record behind.
        session.removeLockIfGone(destroying.inventory(), lock.forceUnlock, mutation.progress());
      }
      if (act) {
        mutation.run(
            "Destroying:",
            destroying.inventory(),
            timeout,
            lock,
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
      renderer.finish(out, json, output.json(), aws.stats ? session.stats : null);
      return ExitCode.OK.code;
    }
  }
}
