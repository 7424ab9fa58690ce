package io.elbctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code elbctl apply}: plans, asks, then runs the six steps so AWS matches the spec. */
@Command(
    name = "apply",
    description = {
      "Plan, then create or update the hosted-zone records, certificate, target groups, load",
      "balancer, listeners and rules so that AWS matches the spec. Asks for confirmation on a",
      "terminal; elsewhere --yes is required. The certificate is requested first and validates",
      "while the rest is built; only the HTTPS listener waits for it."
    })
public final class ApplyCommand extends ChangeCommand {
  @Mixin OutputOptions output;
  @Mixin AdoptOptions adopt;

  @Option(
      names = {"-y", "--yes"},
      description = "Apply without asking (required when not run on a terminal).")
  boolean yes;

  @Override
  public Integer call() {
    Confirmation.requireYesOffTerminal(yes, root.terminal(), "apply", "changed");
    try (AwsRun run = open(output)) {
      return ApplyFlow.run(run, new Mutation(run, yes, wait, lock), adopt.adopt);
    }
  }
}
