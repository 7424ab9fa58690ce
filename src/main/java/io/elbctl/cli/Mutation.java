package io.elbctl.cli;

import io.elbctl.plan.Inventory;
import io.elbctl.steps.SpecLock;
import io.elbctl.steps.StepContext;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * The flow apply and destroy share once their plan is printed: confirm, take the spec's lock, run
 * the steps with progress, and print the closing line.
 */
final class Mutation {
  private final AwsRun run;
  private final boolean yes;
  private final Duration timeout;
  private final LockOptions lock;

  Mutation(AwsRun run, boolean yes, WaitOptions wait, LockOptions lock) {
    this.run = run;
    this.yes = yes;
    this.timeout = wait.timeout();
    this.lock = lock;
  }

  /** True with {@code --yes}, else when the user says so; prints {@code cancelled} when not. */
  boolean confirmed(String question, String cancelled) {
    if (yes || Confirmation.ask(run.log, question)) {
      return true;
    }
    run.log.println(cancelled);
    return false;
  }

  ConsoleProgress progress() {
    return new ConsoleProgress(run.log, run.terminal);
  }

  boolean forceUnlock() {
    return lock.forceUnlock;
  }

  /** Runs {@code steps} under the spec's lock, after a heading such as "Applying:". */
  StepContext run(String heading, Inventory inventory, BiConsumer<StepContext, SpecLock> steps) {
    run.log.println();
    run.log.println(run.terminal.bold(heading));
    ConsoleProgress progress = progress();
    StepContext context = run.session.context(inventory, progress, timeout);
    try (SpecLock held = run.session.lock(inventory, timeout, lock.forceUnlock, progress)) {
      steps.accept(context, held);
    }
    return context;
  }

  /** Prints the closing line, such as "Apply complete: 3 created.", after a blank line. */
  void complete(String label, String counts) {
    run.log.println();
    run.log.println(run.terminal.green(label) + " " + counts);
  }
}
