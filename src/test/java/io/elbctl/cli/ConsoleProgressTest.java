package io.elbctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
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
  void withoutColumns_aTerminalOf110Columns_redrawsRowsOf109() {
    StringWriter text = new StringWriter();
    Supplier<OptionalInt> asked = Terminal.size(null, true, () -> OptionalInt.of(110));
    ConsoleProgress progress =
        new ConsoleProgress(new PrintWriter(text), new Terminal(true, false, asked));
    String what = WHAT + ", www.example.com, api.example.com, admin.example.com";

    progress.waiting(what, Duration.ofSeconds(5), "PENDING_VALIDATION");
    progress.waiting(what, Duration.ofSeconds(10), "PENDING_VALIDATION");

    assertThat(text.toString()).doesNotContain("\n");
    List<String> rows = List.of(text.toString().split("\r", -1)).subList(1, 3);
    assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(109).endsWith("…"));
  }

  @Test
  void theWidth_isColumns_elseWhatTheTerminalSays_else80() {
    AtomicInteger asks = new AtomicInteger();
    Supplier<OptionalInt> says120 =
        () -> {
          asks.incrementAndGet();
          return OptionalInt.of(120);
        };

    assertThat(new Terminal(true, false, Terminal.size("100", true, says120)).width())
        .isEqualTo(100);
    assertThat(asks).hasValue(0);
    Terminal asking = new Terminal(true, false, Terminal.size(null, true, says120));
    assertThat(asking.width()).isEqualTo(120);
    assertThat(asking.fit("x".repeat(200))).hasSize(119);
    assertThat(asks).as("the terminal is asked once").hasValue(1);
    assertThat(new Terminal(false, false, Terminal.size(null, false, says120)).width())
        .as("not a terminal: nobody to ask")
        .isEqualTo(Terminal.DEFAULT_WIDTH);
    assertThat(asks).hasValue(1);
    assertThat(new Terminal(true, false, Terminal.size(null, true, OptionalInt::empty)).width())
        .isEqualTo(Terminal.DEFAULT_WIDTH);
  }

  @Test
  void sttySize_givesTheColumns() {
    assertThat(TerminalSize.columns("24 110\n")).hasValue(110);
    assertThat(TerminalSize.columns("0 0")).isEmpty();
    assertThat(TerminalSize.columns("stty: 'standard input': Inappropriate ioctl")).isEmpty();
    assertThat(TerminalSize.columns("")).isEmpty();
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
