package io.elbctl.cli;

import io.elbctl.plan.Inventory;
import io.elbctl.steps.SpecLock;
import io.elbctl.steps.StepContext;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * The flow apply and destroy share once their plan is printed: confirm, take the spec's lock, run
 * the steps with progress, and print the result as text or one JSON document.
 */
final class Mutation {
  private final AwsSession session;
  private final Terminal terminal;
  private final PrintWriter out;
  private final PrintWriter log;

  /** {@code log} takes progress: stdout for text, stderr when stdout carries JSON. */
  Mutation(AwsSession session, Terminal terminal, PrintWriter out, PrintWriter log) {
    this.session = session;
    this.terminal = terminal;
    this.out = out;
    this.log = log;
  }

  /** True with {@code yes}, else when the user says so; prints {@code cancelled} when not. */
  boolean confirmed(boolean yes, String question, String cancelled) {
    if (yes || Confirmation.ask(log, question)) {
      return true;
    }
    log.println(cancelled);
    return false;
  }

  ConsoleProgress progress() {
    return new ConsoleProgress(log, terminal);
  }

  /** Runs {@code steps} under the spec's lock, after a heading such as "Applying:". */
  StepContext run(
      String heading,
      Inventory inventory,
      Duration timeout,
      LockOptions lock,
      BiConsumer<StepContext, SpecLock> steps) {
    log.println();
    log.println(terminal.bold(heading));
    ConsoleProgress progress = progress();
    StepContext context = session.context(inventory, progress, timeout);
    try (SpecLock held = session.lock(inventory, timeout, lock.forceUnlock, progress)) {
      steps.accept(context, held);
    }
    return context;
  }

  /** Prints the closing line, such as "Apply complete: 3 created.", after a blank line. */
  void complete(String label, String counts) {
    log.println();
    log.println(terminal.green(label) + " " + counts);
  }
}
