package io.elbctl.cli;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.sim.ReplayWindow;
import io.elbctl.sim.Router;
import io.elbctl.sim.Semantics;
import io.elbctl.spec.Spec;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The flags of {@code simulate} that replay access logs instead of routing one request. */
public final class ReplayOptions {
  @Option(
      names = "--replay",
      paramLabel = "LOG",
      description =
          "Replay ALB access logs (or plain 'METHOD URL' lines) and count the requests each rule"
              + " and target group receives: a file (.log or .log.gz), a folder of them (read"
              + " recursively in name order), s3://BUCKET/PREFIX, or - for stdin.")
  String replay;

  @Option(
      names = "--compare",
      paramLabel = "OTHER_SPEC",
      description = "With --replay: print the requests whose destination differs in OTHER_SPEC.")
  Path compare;

  @Option(
      names = "--since",
      paramLabel = "INSTANT",
      converter = InstantConverter.class,
      description = "With --replay: only lines from this time on, e.g. 2024-05-01T12:00:00Z.")
  Instant since;

  @Option(
      names = "--until",
      paramLabel = "INSTANT",
      converter = InstantConverter.class,
      description = "With --replay: only lines before this time.")
  Instant until;

  /** True with --replay; the other replay flags alone are a usage error. */
  boolean requested() {
    if (replay == null && (compare != null || since != null || until != null)) {
      throw new ElbctlException(ExitCode.USAGE, "--compare, --since and --until need --replay LOG");
    }
    return replay != null;
  }

  int run(
      Spec spec,
      Router router,
      Semantics semantics,
      boolean json,
      CommandSpec command,
      RootCommand root,
      AwsOptions aws) {
    if (since != null && until != null && !since.isBefore(until)) {
      throw new ElbctlException(
          ExitCode.USAGE, "--since " + since + " must be before --until " + until);
    }
    ReplayWindow window = new ReplayWindow(since, until);
    Router other = null;
    if (compare != null) {
      Spec otherSpec = new SpecOptions().loadQuietly(compare, command.commandLine().getErr());
      other = SimulationSetup.compile(otherSpec, semantics);
    }
    try (ReplaySources sources =
        ReplaySources.resolve(
            replay, window, (url, w) -> S3ReplaySources.open(url, w, aws, spec, root.env()))) {
      return ReplayOutput.run(
          router,
          other,
          sources,
          window,
          replay,
          command.commandLine().getOut(),
          command.commandLine().getErr(),
          root.terminal(),
          json);
    }
  }

  /** Reads an ISO-8601 instant ({@code 2024-05-01T12:00:00Z}) in one sentence when it is not. */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return Instant.parse(value.trim());
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "expected an ISO-8601 instant in UTC like 2024-05-01T12:00:00Z, got '" + value + "'");
      }
    }
  }
}
