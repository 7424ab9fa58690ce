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
      for (String[] run : runs(spec, invalid, subcommands())) {
        Main.run(run, discard(), discard(), System.getenv());
      }
    } finally {
      try (var paths = Files.walk(directory)) {
        paths.sorted((a, b) -> b.compareTo(a)).forEach(ArchiveTraining::delete);
      }
    }
  }

  /** The argument vectors of one training run, in order; {@code init} comes first. */
  static List<String[]> runs(Path spec, Path invalid, Set<String> subcommands) {
    String file = spec.toString();
    List<String[]> runs = new ArrayList<>();
    runs.add(new String[] {"init", "--domain", "example.com", "--target", "i-0abc", file});
    runs.add(new String[] {"--help"});
    runs.add(new String[] {"--version"});
    runs.add(new String[] {"no-such-command"});
    runs.add(new String[] {"validate", file});
    runs.add(new String[] {"validate", "--output", "json", file});
    runs.add(new String[] {"validate", invalid.toString()});
    runs.add(new String[] {"validate", "--help"});
    runs.add(new String[] {"schema"});
    runs.add(new String[] {"completion"});
    runs.add(new String[] {"init", "--help"});
    if (subcommands.contains("simulate")) {
      runs.add(new String[] {"simulate", "-f", file, "/"});
      runs.add(new String[] {"simulate", "-f", file, "/login/oauth2/code/google"});
      runs.add(new String[] {"simulate", "--output", "json", "-f", file, "/"});
    }
    if (subcommands.contains("lint")) {
      runs.add(new String[] {"lint", file});
    }
    return runs;
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
