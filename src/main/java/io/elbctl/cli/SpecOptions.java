package io.elbctl.cli;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.spec.Problem;
import io.elbctl.spec.Spec;
import io.elbctl.spec.SpecFileException;
import io.elbctl.spec.SpecReader;
import io.elbctl.spec.SpecResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code -f/--file} flag and the one way every command loads and checks a spec. */
public class SpecOptions {
  public static final String DEFAULT_FILE = "elbctl.json";

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "Spec file (default: ./" + DEFAULT_FILE + ").")
  Path file;

  /** The spec file: the positional argument if given, else -f, else ./elbctl.json. */
  public Path resolve(Path positional) {
    if (positional != null && file != null && !positional.equals(file)) {
      throw new ElbctlException(
          ExitCode.USAGE, "give the spec file either as an argument or with -f, not both");
    }
    if (positional != null) {
      return positional;
    }
    return file != null ? file : Path.of(DEFAULT_FILE);
  }

  /** Reads the spec at {@code path} and checks it; never throws for bad input. */
  public static SpecResult read(Path path) {
    try {
      return SpecReader.read(path);
    } catch (SpecFileException e) {
      throw new ElbctlException(ExitCode.INVALID_SPEC, e.getMessage());
    }
  }

  /**
   * Loads a valid spec, printing its warnings to {@code err}; an invalid spec prints every problem
   * and ends the command with exit code 3.
   */
  public Spec load(Path positional, PrintWriter err) {
    return load(positional, err, true);
  }

  /**
   * Loads a valid spec without printing its warnings: for commands run many times a day over the
   * same spec (simulate, test), where {@code validate} and {@code lint} are the place for them.
   */
  public Spec loadQuietly(Path positional, PrintWriter err) {
    return load(positional, err, false);
  }

  private Spec load(Path positional, PrintWriter err, boolean warnings) {
    Path path = resolve(positional);
    SpecResult result = read(path);
    for (Problem problem : result.problems()) {
      if (problem.isError() ? result.hasErrors() : warnings) {
        err.println(problem.format(path.toString()));
      }
    }
    if (result.hasErrors()) {
      throw new ElbctlException(
          ExitCode.INVALID_SPEC,
          path
              + " is invalid: "
              + plural(result.errors().size(), "error")
              + "; nothing was contacted.");
    }
    return result.spec();
  }

  static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
