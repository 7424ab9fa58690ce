package io.elbctl.cli;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.sim.Router;
import io.elbctl.sim.Semantics;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The flags of {@code simulate} that replay a log instead of routing one request. */
public final class ReplayOptions {
  @Option(
      names = "--replay",
      paramLabel = "FILE",
      description =
          "Replay ALB access-log lines (or plain 'METHOD URL' lines; - for stdin) and count the"
              + " requests each rule and target group receives.")
  String replay;

  @Option(
      names = "--compare",
      paramLabel = "OTHER_SPEC",
      description = "With --replay: print the requests whose destination differs in OTHER_SPEC.")
  Path compare;

  /** True with --replay; --compare alone is a usage error. */
  boolean requested() {
    if (replay == null && compare != null) {
      throw new ElbctlException(ExitCode.USAGE, "--compare needs --replay FILE");
    }
    return replay != null;
  }

  int run(
      Router router, Semantics semantics, boolean json, CommandSpec command, Terminal terminal) {
    return ReplayOutput.run(router, replay, compare, semantics, json, command, terminal);
  }
}
