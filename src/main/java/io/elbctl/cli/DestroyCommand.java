package io.elbctl.cli;

import picocli.CommandLine.Command;

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
public final class DestroyCommand extends MutationCommand {

  public DestroyCommand() {
    super("deleted");
  }

  @Override
  int run(AwsRun run, Mutation mutation) {
    return DestroyFlow.run(run, mutation);
  }
}
