package io.elbctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code elbctl apply}: plans, asks, then runs the six steps so AWS matches the spec. */
@Command(
    name = "apply",
    description = {
      "Plan, then create or update the hosted-zone records, certificate, target groups, load",
      "balancer, listeners and rules so that AWS matches the spec. Asks for confirmation on a",
      "terminal; elsewhere --yes is required. The certificate is requested first and validates",
      "while the rest is built; only the HTTPS listener waits for it."
    })
public final class ApplyCommand extends MutationCommand {
  @Mixin AdoptOptions adopt;

  public ApplyCommand() {
    super("changed");
  }

  @Override
  int run(AwsRun run, Mutation mutation) {
    return ApplyFlow.run(run, mutation, adopt.adopt);
  }
}
