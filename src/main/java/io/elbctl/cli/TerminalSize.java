package io.elbctl.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The columns of the terminal this process runs on, for when COLUMNS is not exported (a shell sets
 * it without exporting it): {@code stty size} reads them from {@code /dev/tty}.
 */
final class TerminalSize {
  /** A terminal answers at once; a hung one must not hold up the command. */
  private static final long TIMEOUT_MILLIS = 500;

  private TerminalSize() {}

  /** The terminal's columns, or empty when there is no terminal, no stty or no answer in time. */
  static OptionalInt query() {
    File tty = new File("/dev/tty");
    if (!tty.canRead()) {
      return OptionalInt.empty();
    }
    try {
      Process stty =
          new ProcessBuilder("stty", "size")
              .redirectInput(tty)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!stty.waitFor(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
        stty.destroyForcibly();
        return OptionalInt.empty();
      }
      return stty.exitValue() == 0
          ? columns(new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
          : OptionalInt.empty();
    } catch (IOException e) {
      return OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.empty();
    }
  }

  /** The columns of {@code stty size} output, "ROWS COLUMNS"; empty when it is not that. */
  static OptionalInt columns(String sttySize) {
    String[] parts = sttySize.strip().split("\\s+");
    if (parts.length != 2 || !parts[1].matches("\\d{1,4}") || Integer.parseInt(parts[1]) == 0) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Integer.parseInt(parts[1]));
  }
}
