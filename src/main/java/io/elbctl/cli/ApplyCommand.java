package io.elbctl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code elbctl apply}: plans, asks, then runs the six steps so AWS matches the spec. */
@Command(
    name = "apply",
    description = {
      "Plan, then create or update the hosted-zone records, certificate, target groups, load",
      "balancer, listeners and rules so that AWS matches the spec. Asks for confirmation on a",
      "terminal; elsewhere --yes is required. The certificate is requested first and validates",
      "while the rest is built; only the HTTPS listener waits for it."
    })
public final class ApplyCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @ParentCommand ElbctlCommand root;
  @Mixin SpecFileOptions specFile;
  @Mixin AwsOptions aws;
  @Mixin WaitOptions wait;
  @Mixin LockOptions lock;
  @Mixin OutputOptions output;
  @Mixin AdoptOptions adopt;

  @Option(
      names = {"-y", "--yes"},
      description = "Apply without asking (required when not run on a terminal).")
  boolean yes;

  @Override
  public Integer call() {
    Confirmation.requireYesOffTerminal(yes, root.terminal(), "apply", "changed");
    try (AwsRun run = AwsRun.open(command, root, specFile, aws, output)) {
      return ApplyFlow.run(run, new Mutation(run, yes, wait, lock), adopt.adopt);
    }
  }
}
