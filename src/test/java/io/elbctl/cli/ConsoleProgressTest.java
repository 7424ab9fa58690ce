package io.elbctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A redrawn progress line must fit the terminal, or every redraw starts a new row. */
class ConsoleProgressTest {
  private static final String WHAT = "ACM to issue the certificate for example.com, *.example.com";

  @Test
  void aWaitOnANarrowTerminal_redrawsOneRowThatFits() {
    StringWriter text = new StringWriter();
    ConsoleProgress progress =
        new ConsoleProgress(new PrintWriter(text), new Terminal(true, false, 40));

    progress.waiting(WHAT, Duration.ofSeconds(5), "PENDING_VALIDATION");
    progress.waiting(WHAT, Duration.ofSeconds(10), "PENDING_VALIDATION");
    progress.waiting(WHAT, Duration.ofSeconds(15), "ISSUED");

    assertThat(text.toString()).doesNotContain("\n");
    List<String> rows = List.of(text.toString().split("\r", -1)).subList(1, 4);
    assertThat(rows).allSatisfy(row -> assertThat(row).hasSizeLessThanOrEqualTo(39));
    assertThat(rows.get(0)).startsWith("  … waiting for ACM").endsWith("…");
  }

  @Test
  void aLineThatFits_isLeftWhole() {
    Terminal wide = new Terminal(true, false, 200);

    assertThat(wide.fit("  … waiting for DNS [PENDING] 5s"))
        .isEqualTo("  … waiting for DNS [PENDING] 5s");
    assertThat(Terminal.width("120")).isEqualTo(120);
    assertThat(Terminal.width("wide")).isEqualTo(Terminal.DEFAULT_WIDTH);
    assertThat(Terminal.width(null)).isEqualTo(Terminal.DEFAULT_WIDTH);
  }
}
