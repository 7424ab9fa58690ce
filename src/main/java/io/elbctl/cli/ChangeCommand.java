package io.elbctl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The options of every command that changes AWS under the spec's lock: apply, destroy, a step. */
abstract class ChangeCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @ParentCommand ElbctlCommand root;
  @Mixin SpecFileOptions specFile;
  @Mixin AwsOptions aws;
  @Mixin WaitOptions wait;
  @Mixin LockOptions lock;

  /** Loads the spec and opens the session; {@code output} is null for text-only commands. */
  AwsRun open(OutputOptions output) {
    return AwsRun.open(command, root, specFile, aws, output);
  }
}
