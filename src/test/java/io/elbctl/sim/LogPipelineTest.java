package io.elbctl.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading logs in bulk: gzip, chunk boundaries, time windows, and the URL fast path. */
class LogPipelineTest {
  private static final Router OAUTH =
      Router.compile(SimSpecs.example("oauth2-split.json"), Semantics.DEFAULT);

  /** Every path to group b: each request of the example moves under it. */
  private static final Router ALL_TO_B =
      Router.compile(
          SimSpecs.withRules(
              "[{\"priority\":1,\"conditions\":{\"pathPatterns\":[\"/*\"]},\"action\":{\"type\":\"forward\",\"targetGroup\":\"b\"}}]"),
          Semantics.DEFAULT);

  /** An ALB entry at {@code time} for {@code url}, with the classification fields. */
  static String entry(String time, String url, String classification) {
    return "https "
        + time
        + " app/my-alb/50dc6c495c0c9188 203.0.113.7:40001 10.0.1.10:3000 0.000 0.002 0.000 200 200"
        + " 34 366 \"GET "
        + url
        + " HTTP/1.1\" \"Mozilla/5.0 \\\"quoted\\\" (X11)\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2"
        + " arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/client/73e2d6bc24d8a067"
        + " \"Root=1-58337262-36d228ad5d99923122bbe354\" \"example.com\" \"-\" 0 "
        + time
        + " \"forward\" \"-\" \"-\" \"10.0.1.10:3000\" \"200\" "
        + classification
        + " TID_1\n";
  }

  static LogPipeline.Source source(String name, byte[] bytes) {
    return new LogPipeline.Source() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public InputStream open() {
        return new ByteArrayInputStream(bytes);
      }
    };
  }

  static byte[] gzip(String... members) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try {
      for (String member : members) {
        try (GZIPOutputStream gz = new GZIPOutputStream(all, true)) {
          gz.write(member.getBytes(StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all.toByteArray();
  }

  static LogPipeline.Source file(Path path) {
    return LogPipeline.file(path.getFileName().toString(), path);
  }

  private static Replay.Tally tally(ReplayWindow window, int threads, LogPipeline.Source... sources)
      throws IOException {
    return Replay.tally(
        OAUTH, List.of(sources), new Replay.Options(window, threads, new LogPipeline.Progress()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "https://example.com:443/login/oauth2/code/google?code=x&state=y",
        "https://example.com/",
        "https://example.com",
        "https://example.com?x=1",
        "https://example.com:8443/a?",
        "http://Example.COM:80/A%2Fb?Q=1&r",
        "http://example.com:0080/x",
        "https://h:443/p?a=1?b=2",
        "https://user@example.com/x",
        "https://[2001:db8::1]:443/x",
        "https://example.com/x#frag",
        "HTTPS://example.com/x",
        "https://example.com:99999/x",
        "https://example.com:/x",
        "https://:443/x",
        "ftp://example.com/x",
        "/relative?x",
        "*"
      })
  void entry_readsTheUrlAsRequestParseDoes(String url) {
    Request expected;
    try {
      expected = Request.parse(url, "GET").withSourceIp("203.0.113.7");
    } catch (IllegalArgumentException e) {
      expected = null;
    }
    String line = entry("2024-05-01T12:00:00.000000Z", url, "\"-\" \"-\"");

    assertThat(AccessLog.parse(line.strip())).isEqualTo(expected);
  }

  @Test
  void gzipFilesAndConcatenatedMembers_areInflated() throws IOException {
    String a =
        entry("2024-05-01T12:00:00Z", "https://example.com/login/oauth2/code/g", "\"-\" \"-\"");
    String b = entry("2024-05-01T12:00:01Z", "https://example.com/", "\"-\" \"-\"");

    Replay.Tally tally =
        tally(
            ReplayWindow.ALL,
            2,
            source("one.log.gz", gzip(a + b)),
            source("two.log.gz", gzip(a, b, b)),
            source("plain.log", (a + "\r\n" + b.strip()).getBytes(StandardCharsets.UTF_8)));

    assertThat(tally.lines()).isEqualTo(7);
    assertThat(tally.unparsed()).isZero();
    assertThat(tally.rules()).containsEntry("443 rule 20", 3L).containsEntry("443 default", 4L);
  }

  @Test
  void linesAcrossChunkBoundaries_andLongerThanAChunk_areReadWhole() throws IOException {
    StringBuilder log = new StringBuilder();
    int lines = 0;
    while (log.length() < 3 * LogPipeline.CHUNK) {
      log.append(
          entry(
              "2024-05-01T12:00:00Z",
              "https://example.com/" + "x".repeat(lines % 97),
              lines % 5 == 0 ? "\"Ambiguous\" \"SuspiciousHeader\"" : "\"-\" \"-\""));
      lines++;
    }
    char[] huge = new char[LogPipeline.CHUNK + 10];
    Arrays.fill(huge, 'y');
    log.append("GET https://example.com/login/oauth2/code/").append(huge).append('\n');
    lines++;
    byte[] bytes = log.toString().getBytes(StandardCharsets.UTF_8);

    for (int threads : new int[] {1, 2, 3}) {
      Replay.Tally tally = tally(ReplayWindow.ALL, threads, source("big.log", bytes));
      assertThat(tally.lines()).as("threads %d", threads).isEqualTo(lines);
      assertThat(tally.unparsed()).isZero();
      assertThat(tally.rules()).containsEntry("443 rule 20", 1L);
      assertThat(tally.classifications())
          .containsExactly(java.util.Map.entry("Ambiguous SuspiciousHeader", (lines - 1 + 4) / 5L));
    }
  }

  @Test
  void sinceAndUntil_countOnlyLinesInTheWindow() throws IOException {
    StringBuilder log = new StringBuilder();
    for (String time :
        List.of(
            "2024-05-01T11:59:59.999999Z",
            "2024-05-01T12:00:00.000000Z",
            "2024-05-01T12:30:00Z",
            "2024-05-01T12:59:59.999999Z",
            "2024-05-01T13:00:00.000000Z")) {
      log.append(entry(time, "https://example.com/", "\"-\" \"-\""));
    }
    log.append("GET https://example.com/ has no time\n");
    ReplayWindow window =
        new ReplayWindow(
            Instant.parse("2024-05-01T12:00:00Z"), Instant.parse("2024-05-01T13:00:00Z"));

    Replay.Tally tally =
        tally(window, 2, source("w.log", log.toString().getBytes(StandardCharsets.UTF_8)));

    assertThat(tally.lines()).isEqualTo(6);
    assertThat(tally.outside()).isEqualTo(2);
    assertThat(tally.unparsed()).as("a line without a time cannot be placed").isEqualTo(1);
    assertThat(tally.rules()).containsExactly(java.util.Map.entry("443 default", 3L));
  }

  @Test
  void compare_givesTheLogsFirstExamples_whateverTheThreads() throws IOException {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 40_000; i++) {
      log.append(
          entry("2024-05-01T12:00:00Z", "https://example.com/p" + (i % 1000), "\"-\" \"-\""));
    }
    byte[] bytes = log.toString().getBytes(StandardCharsets.UTF_8);
    List<List<String>> examples = new ArrayList<>();
    for (int threads : new int[] {1, 3}) {
      Replay.Comparison comparison =
          Replay.compare(
              OAUTH,
              ALL_TO_B,
              List.of(source("c.log", bytes)),
              new Replay.Options(ReplayWindow.ALL, threads, new LogPipeline.Progress()));
      assertThat(comparison.changed()).isEqualTo(40_000);
      examples.add(comparison.changes().get(0).examples());
    }
    assertThat(examples.get(0))
        .containsExactly(
            "GET https://example.com/p0",
            "GET https://example.com/p1",
            "GET https://example.com/p2");
    assertThat(examples.get(1)).isEqualTo(examples.get(0));
  }

  @Test
  void aCorruptOrTruncatedGzip_isUnreadableByName() {
    byte[] gz =
        gzip(entry("2024-05-01T12:00:00Z", "https://example.com/", "\"-\" \"-\"").repeat(50));
    byte[] truncated = Arrays.copyOf(gz, gz.length / 2);
    byte[] corrupt = gz.clone();
    for (int i = 20; i < 40; i++) {
      corrupt[i] ^= 0x5a;
    }

    assertThatThrownBy(() -> tally(ReplayWindow.ALL, 1, source("t.log.gz", truncated)))
        .isInstanceOf(LogPipeline.UnreadableSource.class)
        .hasMessage("t.log.gz: the file ends early (truncated?)");
    assertThatThrownBy(() -> tally(ReplayWindow.ALL, 1, source("c.log.gz", corrupt)))
        .isInstanceOf(LogPipeline.UnreadableSource.class)
        .hasMessageStartingWith("c.log.gz: corrupt gzip data");
    assertThatThrownBy(
            () ->
                tally(
                    ReplayWindow.ALL,
                    1,
                    source(
                        "p.log.gz", "GET https://example.com/\n".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(LogPipeline.UnreadableSource.class)
        .hasMessage("p.log.gz: not in gzip format");
  }

  @Test
  void aLocalFileReadInStretches_countsEveryLineOnce_likeTheStream(@TempDir Path dir)
      throws IOException {
    StringBuilder log = new StringBuilder();
    // The first line ends exactly at the first stretch's end, so the second stretch starts a line.
    String first = entry("2024-05-01T12:00:00Z", "https://example.com/", "\"-\" \"-\"");
    String padded = "https://example.com/" + "p".repeat(LogPipeline.STRETCH - first.length());
    log.append(entry("2024-05-01T12:00:00Z", padded, "\"-\" \"-\""));
    assertThat(log.length()).isEqualTo(LogPipeline.STRETCH);
    java.util.Random random = new java.util.Random(7);
    int lines = 1;
    while (log.length() < 6 * LogPipeline.STRETCH) {
      int kind = random.nextInt(40);
      if (kind == 0) {
        // A line longer than two stretches.
        log.append("GET https://example.com/login/oauth2/code/")
            .append("y".repeat(2 * LogPipeline.STRETCH + 11))
            .append('\n');
      } else if (kind == 1) {
        log.append("# a comment\n\n");
        lines--;
      } else {
        String end = kind == 2 ? "\r\n" : "\n";
        String line =
            entry(
                "2024-05-01T12:00:00Z",
                "https://example.com/" + "x".repeat(random.nextInt(3000)),
                kind % 3 == 0 ? "\"Ambiguous\" \"SuspiciousHeader\"" : "\"-\" \"-\"");
        log.append(line, 0, line.length() - 1).append(end);
      }
      lines++;
    }
    // The last line has no newline.
    log.append("GET https://example.com/login/oauth2/code/google");
    lines++;
    byte[] bytes = log.toString().getBytes(StandardCharsets.UTF_8);
    Path path = Files.write(dir.resolve("access.log"), bytes);

    Replay.Tally streamed = tally(ReplayWindow.ALL, 1, source("access.log", bytes));
    assertThat(streamed.lines()).isEqualTo(lines);
    assertThat(streamed.unparsed()).isZero();
    for (int threads : new int[] {1, 2, 3}) {
      Replay.Tally read = tally(ReplayWindow.ALL, threads, file(path));
      assertThat(read).as("threads %d", threads).isEqualTo(streamed);
    }
  }

  @Test
  void aLocalFile_isInflatedByItsContent_andComparedInLogOrder(@TempDir Path dir)
      throws IOException {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      log.append(
          entry("2024-05-01T12:00:00Z", "https://example.com/q" + (i % 1000), "\"-\" \"-\""));
    }
    Path plain = Files.writeString(dir.resolve("plain.log"), log);
    // Compressed, whatever its name says.
    Path gz = Files.write(dir.resolve("renamed.log"), gzip(log.toString()));

    for (Path path : List.of(plain, gz)) {
      Replay.Comparison comparison =
          Replay.compare(
              OAUTH,
              ALL_TO_B,
              List.of(file(path)),
              new Replay.Options(ReplayWindow.ALL, 2, new LogPipeline.Progress()));
      assertThat(comparison.changed()).as("%s", path).isEqualTo(20_000);
      assertThat(comparison.changes().get(0).examples())
          .as("%s", path)
          .containsExactly(
              "GET https://example.com/q0",
              "GET https://example.com/q1",
              "GET https://example.com/q2");
    }
    Files.write(
        dir.resolve("p.log.gz"), "GET https://example.com/\n".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> tally(ReplayWindow.ALL, 2, file(dir.resolve("p.log.gz"))))
        .isInstanceOf(LogPipeline.UnreadableSource.class)
        .hasMessage("p.log.gz: not in gzip format");
    assertThatThrownBy(() -> tally(ReplayWindow.ALL, 2, file(dir.resolve("missing.log"))))
        .isInstanceOf(LogPipeline.UnreadableSource.class)
        .hasMessage("missing.log: no such file");
  }
}
