package io.elbctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate --replay} over files, gzip files and folders, with a time window. */
class ReplayCommandTest {
  private static final String EXAMPLE = "examples/oauth2-split.json";

  @TempDir Path dir;

  private static Cli.Result simulate(String... args) {
    List<String> line = new ArrayList<>(List.of("simulate", "-f", EXAMPLE));
    line.addAll(List.of(args));
    return Cli.run(line.toArray(String[]::new));
  }

  /** The name ALB gives the file of the five minutes that end at {@code end}. */
  static String albName(String end) {
    return "123456789012_elasticloadbalancing_us-east-2_app.my-alb.50dc6c495c0c9188_"
        + end
        + "_192.0.2.10_2soosksi.log.gz";
  }

  static String line(String time, String path) {
    return "https "
        + time
        + " app/my-alb/50dc6c495c0c9188 203.0.113.7:40001 10.0.1.10:3000 0.0 0.0 0.0 200 200 1 2"
        + " \"GET https://example.com:443"
        + path
        + " HTTP/1.1\" \"curl/8\" - - - \"Root=1-0\" \"example.com\" \"-\" 0 "
        + time
        + " \"forward\" \"-\" \"-\" \"10.0.1.10:3000\" \"200\" \"-\" \"-\" TID_1\n";
  }

  static void writeGzip(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Three ALB files of 12:00-12:05, 12:05-12:10 and 13:00-13:05 in dated folders, plus noise. */
  private Path albFolder() throws IOException {
    Path day = dir.resolve("AWSLogs/123456789012/elasticloadbalancing/us-east-2/2024/05/01");
    writeGzip(
        day.resolve(albName("20240501T1205Z")),
        line("2024-05-01T12:00:01.000000Z", "/login/oauth2/code/google")
            + line("2024-05-01T12:04:59.000000Z", "/"));
    writeGzip(
        day.resolve(albName("20240501T1210Z")),
        line("2024-05-01T12:05:00.000000Z", "/oauth2/authorization/google")
            + line("2024-05-01T12:09:00.000000Z", "/"));
    writeGzip(day.resolve(albName("20240501T1305Z")), line("2024-05-01T13:01:00.000000Z", "/"));
    Files.writeString(dir.resolve("AWSLogs/123456789012/ELBAccessLogTestFile"), "not a log\n");
    return dir;
  }

  @Test
  void folder_readsEveryGzipLogRecursively() throws IOException {
    Cli.Result run = simulate("--replay", albFolder().toString(), "-o", "json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("\"logs\" : 3")
        .contains("\"lines\" : 5")
        .contains("\"unparsed\" : 0")
        .contains("\"443 rule 20\" : 1")
        .contains("\"443 rule 10\" : 1")
        .contains("\"443 default\" : 3");
  }

  @Test
  void sinceAndUntil_filterLines_andSkipFilesNamedForOtherTimes() throws IOException {
    Cli.Result run =
        simulate(
            "--replay",
            albFolder().toString(),
            "--since",
            "2024-05-01T12:00:00Z",
            "--until",
            "2024-05-01T12:05:00Z",
            "-o",
            "json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .as("the 13:05 file is skipped by name; the 12:10 one may hold late lines and is read")
        .contains("\"logs\" : 2")
        .contains("\"skippedLogs\" : 1")
        .contains("\"lines\" : 4")
        .contains("\"outsideWindow\" : 2")
        .contains("\"443 rule 20\" : 1")
        .contains("\"443 default\" : 1")
        .doesNotContain("rule 10");
  }

  @Test
  void text_namesTheWindowAndTheSkippedLogs() throws IOException {
    Cli.Result run =
        simulate("--replay", albFolder().toString(), "--until", "2024-05-01T12:08:00Z");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("replayed 4 lines from 2 logs")
        .contains("1 outside --since/--until")
        .contains("1 logs skipped unread (named for other times)");
  }

  @Test
  void aPlainAndAGzipFile_giveTheSameCounts() throws IOException {
    String log =
        line("2024-05-01T12:00:01Z", "/login/oauth2/code/x") + line("2024-05-01T12:00:02Z", "/");
    Path plain = dir.resolve("access.log");
    Files.writeString(plain, log);
    Path gz = dir.resolve("access.log.gz");
    writeGzip(gz, log);

    Cli.Result fromPlain = simulate("--replay", plain.toString(), "-o", "json");
    Cli.Result fromGzip = simulate("--replay", gz.toString(), "-o", "json");

    assertThat(fromPlain.exitCode()).as(fromPlain.toString()).isZero();
    assertThat(fromGzip.out()).isEqualTo(fromPlain.out());
  }

  @Test
  void compare_overAFolder_showsTheRequestsThatMove() throws IOException {
    Cli.Result run =
        simulate(
            "--replay", albFolder().toString(), "--compare", "examples/canary-maintenance.json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("5 requests change destination").contains("e.g. GET https://");
  }

  @Test
  void anUnreadableGzip_isOneSentenceWithExitOne() throws IOException {
    Path folder = albFolder();
    Path broken =
        folder.resolve(
            "AWSLogs/123456789012/elasticloadbalancing/us-east-2/2024/05/01/"
                + albName("20240501T1215Z"));
    Files.write(broken, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2});

    Cli.Result run = simulate("--replay", folder.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err().strip())
        .startsWith("elbctl: cannot read " + broken + ": ")
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  @Test
  void badInput_isOneSentence() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Files.writeString(empty.resolve("notes.txt"), "x");

    assertOneSentence(
        simulate("--replay", dir.resolve("missing.log").toString()),
        1,
        "elbctl: no such file or folder: " + dir.resolve("missing.log"));
    assertOneSentence(
        simulate("--replay", empty.toString()),
        1,
        "elbctl: the folder " + empty + " holds no .log or .gz files");
    assertOneSentence(
        simulate(
            "--replay", "-", "--since", "2024-05-01T13:00:00Z", "--until", "2024-05-01T12:00:00Z"),
        4,
        "elbctl: --since 2024-05-01T13:00:00Z must be before --until 2024-05-01T12:00:00Z");
    assertOneSentence(
        simulate("/", "--since", "2024-05-01T13:00:00Z"),
        4,
        "elbctl: --compare, --since and --until need --replay LOG");
    Cli.Result badInstant = simulate("--replay", "-", "--since", "yesterday");
    assertThat(badInstant.exitCode()).isEqualTo(4);
    assertThat(badInstant.err())
        .contains("expected an ISO-8601 instant in UTC like 2024-05-01T12:00:00Z, got 'yesterday'")
        .doesNotContain("Exception");
  }

  private static void assertOneSentence(Cli.Result run, int code, String message) {
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(code);
    assertThat(run.err().strip()).isEqualTo(message);
  }

  @Test
  void progress_namesLinesBytesAndTheLogBeingRead() {
    io.elbctl.sim.LogPipeline.Progress counters = new io.elbctl.sim.LogPipeline.Progress();
    StringWriter err = new StringWriter();
    ReplayProgress progress =
        ReplayProgress.manual(counters, new PrintWriter(err), new Terminal(true, false, 200));

    progress.draw();
    progress.close();

    assertThat(err.toString())
        .startsWith("\r  replaying: 0 lines, 0 MB, 0 lines/s, log 0: ")
        .endsWith("\r");
  }
}
