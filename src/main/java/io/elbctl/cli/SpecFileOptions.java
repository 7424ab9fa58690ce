package io.elbctl.cli;

import io.elbctl.spec.Spec;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The spec file of a command that takes it as its argument, with {@code -f}, or by default. */
public final class SpecFileOptions extends SpecOptions {
  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Spec file.")
  Path positional;

  /** The spec file: the argument if given, else -f, else ./elbctl.json. */
  public Path path() {
    return resolve(positional);
  }

  /**
   * Loads the valid spec, printing its warnings; see {@link SpecOptions#load(Path, PrintWriter)}.
   */
  public Spec load(PrintWriter err) {
    return load(positional, err);
  }
}
