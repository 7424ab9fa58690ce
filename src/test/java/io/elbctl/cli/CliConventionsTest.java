package io.elbctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.spec.SpecFixtures;
import io.elbctl.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CliConventionsTest {
  private static String example(String name) {
    return SpecFixtures.example(name).toString();
  }

  static java.util.stream.Stream<String> commands() {
    var root =
        Main.commandLine(
            new java.io.PrintWriter(new java.io.StringWriter()),
            new java.io.PrintWriter(new java.io.StringWriter()),
            Map.of());
    return root.getSubcommands().keySet().stream().filter(name -> !name.equals("help"));
  }

  @Test
  void commandList_coversTheFoundation() {
    assertThat(commands()).contains("validate", "schema", "init", "completion");
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("commands")
  void everyCommand_hasHelpAndVersion(String command) {
    Cli.Result help = Cli.run(command, "--help");
    Cli.Result version = Cli.run(command, "--version");

    assertThat(help.exitCode()).as(help.toString()).isZero();
    assertThat(help.out()).contains("Usage: elbctl " + command);
    assertThat(version.exitCode()).as(version.toString()).isZero();
    assertThat(version.out()).startsWith("elbctl ");
  }

  @Test
  void rootHelp_listsCommandsAndExitCodes() {
    Cli.Result result = Cli.run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains(
            "validate", "schema", "Exit codes:", "3  the spec is invalid; nothing was contacted");
  }

  @Test
  void usageError_isShortAndExitsFour() {
    Cli.Result result = Cli.run("validate", "--frobnicate");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
    assertThat(result.err())
        .isEqualTo(
            "elbctl: Unknown option: '--frobnicate'\n"
                + "Try 'elbctl validate --help' for usage.\n");
    assertThat(result.out()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "simulate --target-health backend /|"
            + "Invalid value for option '--target-health' (GROUP[/TARGET]=STATE): 'backend' names"
            + " no state",
        "simulate --target-health backend=sick /|"
            + "Invalid value for option '--target-health' (GROUP[/TARGET]=STATE): 'sick' is not a"
            + " state; use healthy, unhealthy, initial, draining or unused",
        "simulate --target-health nope=healthy /|--target-health: no target group named 'nope'",
        "simulate --health-timeline backend /|"
            + "Invalid value for option '--health-timeline' (GROUP[/TARGET]=OUTCOMES): 'backend'"
            + " names no outcomes",
        "simulate --health-timeline backend=200,soon /|"
            + "Invalid value for option '--health-timeline' (GROUP[/TARGET]=OUTCOMES): 'soon' is not"
            + " a probe outcome (an HTTP status, timeout, refused or error)",
        "simulate --probe-url backend=localhost /|"
            + "Invalid value for option '--probe-url' (GROUP=URL): 'localhost' is not a URL such as"
            + " http://localhost:8080",
        "simulate --probe-url =http://localhost:8080 /|"
            + "Invalid value for option '--probe-url' (GROUP=URL): a mapping names no target group",
        "simulate --probe-url nope=http://localhost:8080 /|--probe-url: no target group named 'nope'",
        "serve --tls-cert chain.pem|Missing required argument(s): --tls-key=FILE",
        "serve --tls-key key.pem|Missing required argument(s): --tls-cert=FILE",
        "apply --yes --wait-timeout 5x|"
            + "Invalid value for option '--wait-timeout': expected a duration like 45m, 90s or 1h,"
            + " got '5x'"
      })
  void badOptionValue_isOneSentenceAndExitsFour(String args, String sentence) {
    List<String> line = new ArrayList<>(List.of(args.split(" ")));
    line.addAll(1, List.of("-f", example("oauth2-split.json")));
    Cli.Result result = Cli.run(line.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
    assertThat(result.err().lines().findFirst())
        .as(result.toString())
        .hasValue("elbctl: " + sentence);
    assertThat(result.out()).isEmpty();
  }

  @Test
  void unknownCommand_suggestsTheClosest() {
    Cli.Result result = Cli.run("valdate");

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.err()).contains("Did you mean: elbctl validate");
  }

  @Test
  void noCommand_isAUsageError() {
    Cli.Result result = Cli.run();

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.err()).contains("missing command");
  }

  @Test
  void validate_example_exitsZeroAndPrintsWarnings() {
    Cli.Result result = Cli.run("validate", example("oauth2-split.json"));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("oauth2-split.json:26:62: warning: loadBalancer.listeners[1].rules[0]")
        .contains(
            "warning: targetGroups[1].healthCheck.path: target group backend checks /actuator/health")
        .contains("is valid (5 warnings).");
  }

  @Test
  void validate_takesFileFlagToo() {
    Cli.Result result = Cli.run("validate", "-f", example("canary-maintenance.json"));

    assertThat(result.exitCode()).as(result.toString()).isZero();
  }

  @Test
  void validate_invalidSpec_exitsThreeAndNamesEveryProblem(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("bad.json");
    String text =
        SpecFixtures.with("oauth2-split.json", "loadBalancer.listeners[1].rules[0].priority", "0");
    text = SpecFixtures.with(text, "targetGroups[1].healthCheck.timeoutSeconds", "40");
    text =
        SpecFixtures.with(
            text, "loadBalancer.listeners[1].defaultAction.targetGroup", "\"frontend\"");
    Files.writeString(spec, text);

    Cli.Result result = Cli.run("validate", spec.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
    assertThat(result.out())
        .contains("error: loadBalancer.listeners[1].rules[0].priority: must be 1-50000, got 0")
        .contains(
            "error: targetGroups[1].healthCheck.timeoutSeconds: must be less than intervalSeconds (30), got 40")
        .contains(
            "error: loadBalancer.listeners[1].defaultAction.targetGroup: target group \"frontend\" is not defined in targetGroups")
        .contains("is invalid: 3 errors, 3 warnings.");
  }

  @Test
  void validate_jsonOutput_isOneObject(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("bad.json");
    Files.writeString(spec, SpecFixtures.with("oauth2-split.json", "region", "\"nowhere\""));

    Cli.Result result = Cli.run("validate", "--output", "json", spec.toString());

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out())
        .contains("\"valid\" : false")
        .contains("\"path\" : \"region\"")
        .contains("\"line\" : 5");
  }

  @Test
  void validate_missingFile_isOneSentenceExitThree(@TempDir Path dir) {
    Cli.Result result = Cli.run("validate", dir.resolve("none.json").toString());

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .isEqualTo(
            "elbctl: No spec file at "
                + dir.resolve("none.json")
                + " (give one with -f FILE, or run 'elbctl init').\n");
  }

  @Test
  void validate_fileGivenTwice_isAUsageError() {
    Cli.Result result =
        Cli.run("validate", "-f", example("oauth2-split.json"), example("canary-maintenance.json"));

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.err()).contains("either as an argument or with -f, not both");
  }

  @Test
  void output_hasNoColourWithoutATerminal_orWithNoColor() {
    Cli.Result plain = Cli.run(Map.of("NO_COLOR", "1"), "validate", example("oauth2-split.json"));

    assertThat(plain.out()).doesNotContain("\u001b[");
    assertThat(new Terminal(true, false).red("x")).isEqualTo("x");
    assertThat(new Terminal(true, true).red("x")).isEqualTo("\u001b[31mx\u001b[0m");
    assertThat(Terminal.detect(Map.of("NO_COLOR", "1")).colour()).isFalse();
  }

  @Test
  void schema_matchesTheCommittedFile() throws Exception {
    Cli.Result result = Cli.run("schema");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(Files.readString(SpecFixtures.example("elbctl.schema.json")));
  }

  @Test
  void completion_printsABashScript() {
    Cli.Result result = Cli.run("completion");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("complete -F").contains("validate");
  }

  @Test
  void init_writesAValidStarterSpec_andRefusesToOverwrite(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("elbctl.json");

    Cli.Result first =
        Cli.run(
            "init",
            "--domain",
            "app.example.net",
            "--backend-port",
            "9090",
            "--target",
            "i-0123456789abcdef0",
            spec.toString());
    Cli.Result second = Cli.run("init", "--domain", "app.example.net", spec.toString());

    assertThat(first.exitCode()).as(first.toString()).isZero();
    var result = SpecReader.parse(Files.readString(spec));
    assertThat(result.errors()).isEmpty();
    assertThat(result.spec().targetGroup("backend").orElseThrow().port()).isEqualTo(9090);
    assertThat(result.spec().domain().records())
        .containsExactly("app.example.net", "www.app.example.net");
    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.err()).contains("already exists; use --force to overwrite it.");
    Cli.Result validate = Cli.run("validate", spec.toString());
    assertThat(validate.out()).as(validate.toString()).isEqualTo(spec + " is valid.\n");
  }

  @Test
  void rootHelp_summarisesEveryCommandInWholeSentences() {
    Cli.Result help = Cli.run("--help");
    var sink = new java.io.PrintWriter(new java.io.StringWriter());
    var root = Main.commandLine(sink, sink, Map.of());
    for (var sub : root.getSubcommands().values()) {
      String summary = Main.summary(sub.getCommandSpec().usageMessage());
      assertThat(summary).as(sub.getCommandName()).endsWith(".");
      String lastWords = summary.substring(summary.lastIndexOf(' ') + 1);
      assertThat(help.out().replaceAll("\\s+", " "))
          .as(sub.getCommandName())
          .contains(sub.getCommandName() + " ")
          .contains(lastWords);
    }
  }

  @Test
  void init_flagsThatMakeAnInvalidSpec_areAUsageError(@TempDir Path dir) {
    Cli.Result result =
        Cli.run(
            "init",
            "--domain",
            "example.com",
            "--backend-port",
            "0",
            dir.resolve("x.json").toString());

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.err()).contains("targetGroups[1].port: must be 1-65535, got 0");
  }
}
