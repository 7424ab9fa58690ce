package io.elbctl.cli;

import io.elbctl.ExitCode;
import io.elbctl.live.LiveAlb;
import io.elbctl.live.StatusReport;
import io.elbctl.steps.AliasResolution;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code elbctl status}: the live state of a load balancer, with read-only calls. */
@Command(
    name = "status",
    description = {
      "Show the live state of the load balancer: every target's health with AWS's reason, the",
      "certificate, whether the alias names resolve to it, and drift against the spec when one",
      "is given. Makes only read-only AWS calls."
    })
public final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @ParentCommand ElbctlCommand root;
  @Mixin SpecOptions specOptions;
  @Mixin LiveOptions live;
  @Mixin AwsOptions aws;
  @Mixin OutputOptions output;

  @Option(
      names = "--watch",
      paramLabel = "SECONDS",
      converter = SecondsConverter.class,
      description = "Read and show the state again every SECONDS, in place on a terminal.")
  Duration watch;

  @Option(
      names = "--detailed-exitcode",
      description = "Exit 2 when a target is not healthy or a target group has no target.")
  boolean detailedExitcode;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = command.commandLine().getOut();
    Terminal terminal = root.terminal();
    if (watch != null && watch.isZero()) {
      throw new io.elbctl.ElbctlException(ExitCode.USAGE, "--watch needs at least 1 second");
    }
    boolean specGiven = command.commandLine().getParseResult().hasMatchedOption("--file");
    try (LiveRun run =
        LiveRun.open(specOptions, specGiven, live, aws, root, command.commandLine().getErr())) {
      while (true) {
        LiveAlb alb = run.read();
        StatusReport report =
            StatusReport.of(
                alb, AliasResolution.check(alb, run.resolver()), run.plan(), Instant.now());
        String text =
            output.json()
                ? Json.pretty(StatusRenderer.json(report)) + "\n"
                : StatusRenderer.text(report, terminal);
        out.print(watch != null && terminal.interactive() ? StatusRenderer.CLEAR + text : text);
        out.flush();
        if (watch == null) {
          boolean degraded = !report.problems().isEmpty();
          return detailedExitcode && degraded ? ExitCode.CHANGES.code : ExitCode.OK.code;
        }
        Thread.sleep(watch.toMillis());
        if (!terminal.interactive()) {
          out.println();
        }
      }
    }
  }
}
