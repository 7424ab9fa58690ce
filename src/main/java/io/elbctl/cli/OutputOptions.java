package io.elbctl.cli;

import picocli.CommandLine.Option;

/** The {@code --output text|json} flag shared by every command that prints results. */
public final class OutputOptions {
  /** Output formats. */
  public enum Format {
    text,
    json
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      defaultValue = "text")
  Format format = Format.text;

  public boolean json() {
    return format == Format.json;
  }
}
