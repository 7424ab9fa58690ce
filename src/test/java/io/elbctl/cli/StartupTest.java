package io.elbctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.spec.SpecFixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Start-up properties of the command line: offline commands never load the AWS SDK, and running one
 * subcommand without building the others behaves exactly like the whole command tree.
 */
class StartupTest {
  private static final String EXAMPLE = SpecFixtures.example("oauth2-split.json").toString();
  private static final String ROUTES = SpecFixtures.example("oauth2-split.routes.json").toString();

  @TempDir static Path scratch;

  /**
   * Every offline command line worth guarding, with whether it may build an ObjectMapper (an
   * ObjectMapper costs a visible share of start-up; the commands here print JSON without one). Add
   * each new offline command here.
   */
  static Stream<Arguments> offlineCommands() throws IOException {
    Path log = scratch.resolve("logs/access.log");
    Files.createDirectories(log.getParent());
    String line = ReplayCommandTest.line("2024-05-01T12:00:01.000000Z", "/login/oauth2/code/x");
    Files.writeString(log, line);
    Path gz = scratch.resolve("logs/" + ReplayCommandTest.albName("20240501T1205Z"));
    ReplayCommandTest.writeGzip(gz, line);
    return Stream.of(
        Arguments.of(List.of("simulate", "-f", EXAMPLE, "--replay", log.toString()), false),
        Arguments.of(
            List.of(
                "simulate",
                "-f",
                EXAMPLE,
                "--replay",
                log.getParent().toString(),
                "--since",
                "2024-05-01T12:00:00Z",
                "--output",
                "json"),
            false),
        Arguments.of(List.of("--help"), false),
        Arguments.of(List.of("--version"), false),
        Arguments.of(List.of("help", "validate"), false),
        Arguments.of(List.of("completion"), false),
        Arguments.of(List.of("validate", EXAMPLE), false),
        Arguments.of(List.of("validate", "--output", "json", EXAMPLE), false),
        Arguments.of(List.of("schema"), false),
        Arguments.of(List.of("simulate", "-f", EXAMPLE, "/login/oauth2/code/google"), false),
        Arguments.of(List.of("simulate", "--output", "json", "-f", EXAMPLE, "/"), false),
        Arguments.of(List.of("lint", EXAMPLE), false),
        Arguments.of(List.of("test", ROUTES), false),
        Arguments.of(
            List.of("init", "--domain", "example.com", scratch.resolve("init.json").toString()),
            false));
  }

  @ParameterizedTest(name = "elbctl {0}")
  @MethodSource("offlineCommands")
  void offlineCommand_loadsNoAwsSdkOrNettyClass(List<String> args, boolean mayUseObjectMapper)
      throws Exception {
    List<String> loaded = classesLoadedBy(args);

    assertThat(loaded).as("classes loaded by elbctl %s", args).contains("io.elbctl.cli.Main");
    assertThat(loaded)
        .as("AWS SDK classes loaded by the offline command elbctl %s", args)
        .filteredOn(name -> name.startsWith("software.amazon."))
        .isEmpty();
    assertThat(loaded)
        .as("Netty classes loaded by the offline command elbctl %s (only serve needs Netty)", args)
        .filteredOn(name -> name.startsWith("io.netty."))
        .isEmpty();
    if (!mayUseObjectMapper) {
      assertThat(loaded)
          .as("elbctl %s builds no ObjectMapper", args)
          .doesNotContain("com.fasterxml.jackson.databind.ObjectMapper");
    }
  }

  @Test
  void runsAlone_findsPlainSubcommandsOnly() {
    assertThat(Main.runsAlone("validate")).isEqualTo(ValidateCommand.class);
    assertThat(Main.runsAlone("schema")).isEqualTo(SchemaCommand.class);
    assertThat(Main.runsAlone("help")).as("help lists every command").isNull();
    assertThat(Main.runsAlone("completion")).as("completion describes every command").isNull();
    assertThat(Main.runsAlone("no-such-command")).isNull();
    assertThat(Main.runsAlone("--help")).isNull();
  }

  static Stream<String> subcommands() {
    return Main.commandLine(discard(), discard(), Map.of()).getSubcommands().keySet().stream()
        .filter(name -> Main.runsAlone(name) != null);
  }

  @ParameterizedTest(name = "elbctl {0}")
  @MethodSource("subcommands")
  void oneSubcommand_behavesAsInTheWholeTree(String name) {
    for (String[] args :
        List.of(
            new String[] {name, "--help"},
            new String[] {name, "--no-such-option"},
            new String[] {name, "--stacktrace", "--help"})) {
      assertThat(Cli.run(args))
          .as("elbctl %s", String.join(" ", args))
          .isEqualTo(runWholeTree(args));
    }
  }

  @Test
  void trainingRuns_endAsExpected() throws IOException {
    Path spec = scratch.resolve("training.json");
    Path invalid = scratch.resolve("invalid.json");
    Files.writeString(invalid, "{\"apiVersion\": 1}", StandardCharsets.UTF_8);
    Files.deleteIfExists(spec);
    var subcommands = Main.commandLine(discard(), discard(), Map.of()).getSubcommands().keySet();

    for (ArchiveTraining.Run run : ArchiveTraining.runs(spec, invalid, subcommands)) {
      Cli.Result result = Cli.run(run.args());
      assertThat(result.exitCode())
          .as("elbctl %s\n%s", String.join(" ", run.args()), result)
          .isEqualTo(run.exitCode());
    }
  }

  private static Cli.Result runWholeTree(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), Map.of())
            .execute(args);
    return new Cli.Result(code, out.toString(), err.toString());
  }

  private static PrintWriter discard() {
    return new PrintWriter(Writer.nullWriter());
  }

  /** Runs elbctl in a new JVM that logs every class it loads, and returns their names. */
  private static List<String> classesLoadedBy(List<String> args) throws Exception {
    Path log = Files.createTempFile(scratch, "classes", ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Xlog:class+load=info:file=" + log);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(args);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(scratch.resolve("output.txt").toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("elbctl %s finished", args).isTrue();
    String output = Files.readString(scratch.resolve("output.txt"));
    assertThat(process.exitValue()).as("elbctl %s\n%s", args, output).isZero();
    // Lines look like "[0.012s][info][class,load] java.lang.Object source: shared objects file".
    try (Stream<String> lines = Files.lines(log)) {
      return lines
          .map(line -> line.substring(line.indexOf("] ", line.indexOf("class,load")) + 2))
          .map(line -> line.substring(0, line.indexOf(' ')))
          .collect(Collectors.toList());
    }
  }
}
