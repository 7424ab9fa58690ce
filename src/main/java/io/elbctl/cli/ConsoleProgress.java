package io.elbctl.cli;

import io.elbctl.steps.Poller;
import io.elbctl.steps.Progress;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Prints step progress: on a terminal a wait redraws one line with the elapsed time; elsewhere (CI
 * logs) it prints a plain line when the wait starts and then at most every 30 seconds.
 */
final class ConsoleProgress implements Progress {
  private static final Duration LOG_EVERY = Duration.ofSeconds(30);

  private final PrintWriter out;
  private final Terminal terminal;
  private String current;
  private Duration lastLogged;
  private int drawn;

  ConsoleProgress(PrintWriter out, Terminal terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public void done(String line) {
    out.println("  " + colour(line));
    out.flush();
  }

  private String colour(String line) {
    if (line.startsWith("+")) {
      return terminal.green(line);
    }
    if (line.startsWith("~")) {
      return terminal.yellow(line);
    }
    if (line.startsWith("-")) {
      return terminal.red(line);
    }
    return line;
  }

  @Override
  public void waiting(String what, Duration elapsed, String status) {
    if (terminal.interactive()) {
      String line =
          terminal.fit("  … waiting for " + what + " [" + status + "] " + Poller.format(elapsed));
      // Blank out what is left of a longer previous line.
      out.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
      out.flush();
      drawn = line.length();
      current = what;
      return;
    }
    if (!what.equals(current)) {
      current = what;
      lastLogged = elapsed;
      out.println("  … waiting for " + what + " [" + status + "]");
    } else if (elapsed.minus(lastLogged).compareTo(LOG_EVERY) >= 0) {
      lastLogged = elapsed;
      out.println("  … still waiting for " + what + " [" + status + "] " + Poller.format(elapsed));
    }
    out.flush();
  }

  @Override
  public void waited(String what, Duration elapsed) {
    if (terminal.interactive() && what.equals(current)) {
      out.print("\r" + " ".repeat(drawn) + "\r");
    }
    drawn = 0;
    current = null;
    out.println("  = waited " + Poller.format(elapsed) + " for " + what);
    out.flush();
  }
}
