package io.elbctl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs each offline command once so that a JVM started with {@code -XX:ArchiveClassesAtExit} can
 * record the classes they load into the class-data-sharing archive that {@code bin/elbctl} uses.
 *
 * <p>Only commands that never contact AWS belong here: the archive must stay free of SDK classes,
 * and a training run must work without credentials or network.
 */
public final class ArchiveTraining {
  private ArchiveTraining() {}

  /** Writes a starter spec and an invalid one to a temporary directory and runs every command. */
  public static void main(String[] args) throws IOException {
    Path directory = Files.createTempDirectory("elbctl-training");
    try {
      Path spec = directory.resolve("elbctl.json");
      Path invalid = directory.resolve("invalid.json");
      Files.writeString(invalid, "{\"apiVersion\": 1, \"nmae\": \"x\"}", StandardCharsets.UTF_8);
      // Exit codes are not checked here: a failing command still loads most of its classes.
      for (Run run : runs(spec, invalid, subcommands())) {
        Main.run(run.args(), discard(), discard(), System.getenv());
      }
    } finally {
      try (var paths = Files.walk(directory)) {
        paths.sorted((a, b) -> b.compareTo(a)).forEach(ArchiveTraining::delete);
      }
    }
  }

  /** One command of the training run and the exit code it should end with. */
  record Run(int exitCode, String... args) {}

  /** The commands of one training run, in order; {@code init} writes the spec the others read. */
  static List<Run> runs(Path spec, Path invalid, Set<String> subcommands) {
    String file = spec.toString();
    List<Run> runs = new ArrayList<>();
    runs.add(
        new Run(0, "init", "--domain", "example.com", "--target", "i-0123456789abcdef0", file));
    runs.add(new Run(0, "--help"));
    runs.add(new Run(0, "--version"));
    runs.add(new Run(4, "no-such-command"));
    runs.add(new Run(0, "validate", file));
    runs.add(new Run(0, "validate", "--output", "json", file));
    runs.add(new Run(3, "validate", invalid.toString()));
    runs.add(new Run(0, "validate", "--help"));
    runs.add(new Run(0, "schema"));
    runs.add(new Run(0, "completion"));
    runs.add(new Run(0, "init", "--help"));
    if (subcommands.contains("simulate")) {
      runs.add(new Run(0, "simulate", "-f", file, "/"));
      runs.add(new Run(0, "simulate", "-f", file, "/login/oauth2/code/google"));
      runs.add(new Run(0, "simulate", "--output", "json", "-f", file, "/"));
      runs.add(new Run(0, "simulate", "-f", file, "--replay", trainingLog(spec).toString()));
    }
    if (subcommands.contains("lint")) {
      runs.add(new Run(0, "lint", file));
    }
    if (subcommands.contains("test")) {
      runs.add(new Run(0, "test", "--help"));
    }
    return runs;
  }

  /** Writes a small gzipped ALB log next to {@code spec} for the replay run; returns its path. */
  static Path trainingLog(Path spec) {
    Path log = spec.resolveSibling("training.log.gz");
    String line =
        "https 2024-05-01T12:00:00.000000Z app/my-alb/50dc6c495c0c9188 203.0.113.7:40001"
            + " 10.0.1.10:3000 0.000 0.002 0.000 200 200 34 366"
            + " \"GET https://example.com:443/login/oauth2/code/google HTTP/1.1\" \"curl/8\" - -"
            + " - \"Root=1-0\" \"example.com\" \"-\" 0 2024-05-01T12:00:00.000000Z \"forward\""
            + " \"-\" \"-\" \"10.0.1.10:3000\" \"200\" \"-\" \"-\" TID_1\n";
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(log))) {
      out.write(line.repeat(100).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return log;
  }

  private static Set<String> subcommands() {
    return Main.commandLine(discard(), discard(), Map.of()).getSubcommands().keySet();
  }

  private static PrintWriter discard() {
    return new PrintWriter(Writer.nullWriter());
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
