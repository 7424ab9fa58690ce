package io.elbctl.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * apply and destroy: both ask before they change anything (--yes answers for them), print as text
 * or JSON, and run their flow under the spec's lock.
 */
abstract class MutationCommand extends ChangeCommand {
  @Mixin OutputOptions output;

  @Option(
      names = {"-y", "--yes"},
      description = "Run ${COMMAND-NAME} without asking (required when not run on a terminal).")
  boolean yes;

  /** What the command leaves untouched when it stops before acting: "changed", "deleted". */
  private final String untouched;

  MutationCommand(String untouched) {
    this.untouched = untouched;
  }

  /** The command's flow over an open run. */
  abstract int run(AwsRun run, Mutation mutation);

  @Override
  public Integer call() {
    Confirmation.requireYesOffTerminal(yes, root.terminal(), command.name(), untouched);
    try (AwsRun run = open(output)) {
      return run(run, new Mutation(run, yes, wait, lock));
    }
  }
}
