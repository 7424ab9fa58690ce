package io.elbctl.cli;

import io.elbctl.sim.LogPipeline;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Redraws one line on stderr while a replay runs longer than a second: lines, megabytes and lines
 * per second so far, and the log being read. Only on a terminal: logs and pipes get no progress.
 */
final class ReplayProgress implements AutoCloseable {
  private static final long FIRST_MS = 1000;
  private static final long EVERY_MS = 250;

  private final LogPipeline.Progress counters;
  private final PrintWriter err;
  private final Terminal terminal;
  private final long started;
  private final ScheduledExecutorService ticker;
  private int drawn;
  private boolean closed;

  private ReplayProgress(
      LogPipeline.Progress counters, PrintWriter err, Terminal terminal, boolean tick) {
    this.counters = counters;
    this.err = err;
    this.terminal = terminal;
    this.started = System.nanoTime();
    if (tick) {
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread thread = new Thread(r, "elbctl-replay-progress");
                thread.setDaemon(true);
                return thread;
              });
      ticker.scheduleAtFixedRate(this::draw, FIRST_MS, EVERY_MS, TimeUnit.MILLISECONDS);
    } else {
      ticker = null;
    }
  }

  /** Starts redrawing when stderr is a terminal; otherwise prints nothing. */
  static ReplayProgress start(LogPipeline.Progress counters, PrintWriter err, Terminal terminal) {
    return new ReplayProgress(counters, err, terminal, stderrIsTerminal());
  }

  /** For tests: a progress line that draws only when asked. */
  static ReplayProgress manual(LogPipeline.Progress counters, PrintWriter err, Terminal terminal) {
    return new ReplayProgress(counters, err, terminal, false);
  }

  /** The line as it is drawn now. */
  String line() {
    double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-3);
    String current = counters.current();
    return String.format(
            Locale.ROOT,
            "  replaying: %,d lines, %,.0f MB, %,.0f lines/s, log %d: ",
            counters.lines(),
            counters.bytes() / 1e6,
            counters.lines() / seconds,
            counters.sources())
        + current;
  }

  synchronized void draw() {
    if (closed) {
      return;
    }
    String line = terminal.fit(line());
    // Blank out what is left of a longer previous line.
    err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
    err.flush();
    drawn = line.length();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (ticker != null) {
      ticker.shutdownNow();
    }
    if (drawn > 0) {
      err.print("\r" + " ".repeat(drawn) + "\r");
      err.flush();
      drawn = 0;
    }
  }

  /**
   * Whether the process's stderr is a terminal: on Linux from what file descriptor 2 points at;
   * elsewhere from whether the JVM has a console (its stdin and stdout are terminals).
   */
  static boolean stderrIsTerminal() {
    Path fd = Path.of("/proc/self/fd/2");
    try {
      String target = Files.readSymbolicLink(fd).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }
}
