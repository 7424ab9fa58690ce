package io.elbctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
public final class DestroyCommand extends ChangeCommand {
  @Mixin OutputOptions output;

  @Option(
      names = {"-y", "--yes"},
      description = "Destroy without asking (required when not run on a terminal).")
  boolean yes;

  @Override
  public Integer call() {
    Confirmation.requireYesOffTerminal(yes, root.terminal(), "destroy", "deleted");
    try (AwsRun run = open(output)) {
      return DestroyFlow.run(run, new Mutation(run, yes, wait, lock));
    }
  }
}
