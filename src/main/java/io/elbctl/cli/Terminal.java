package io.elbctl.cli;

import java.util.Map;
import picocli.CommandLine.Help.Ansi;

/**
 * Whether output goes to a terminal, colours only when it does and NO_COLOR is unset, and how many
 * columns a line that is redrawn in place may take.
 */
public record Terminal(boolean interactive, boolean colour, int width) {
  /** The width assumed when COLUMNS does not say: the classic terminal. */
  static final int DEFAULT_WIDTH = 80;

  public Terminal(boolean interactive, boolean colour) {
    this(interactive, colour, DEFAULT_WIDTH);
  }

  public static Terminal detect(Map<String, String> env) {
    boolean interactive = System.console() != null;
    boolean noColor = env.containsKey("NO_COLOR") && !env.get("NO_COLOR").isEmpty();
    boolean dumb = "dumb".equals(env.get("TERM"));
    return new Terminal(interactive, interactive && !noColor && !dumb, width(env.get("COLUMNS")));
  }

  /** COLUMNS as shells export it, else {@link #DEFAULT_WIDTH}. */
  static int width(String columns) {
    if (columns != null && columns.strip().matches("\\d{1,4}")) {
      int width = Integer.parseInt(columns.strip());
      if (width >= 20) {
        return width;
      }
    }
    return DEFAULT_WIDTH;
  }

  /**
   * {@code line} cut to fit one row with a column to spare, ending in "…" when cut: a line as wide
   * as the terminal wraps, and then each redraw starts a new row instead of replacing the last.
   */
  public String fit(String line) {
    int room = width - 1;
    return line.length() <= room ? line : line.substring(0, room - 1) + "…";
  }

  public Ansi ansi() {
    return colour ? Ansi.ON : Ansi.OFF;
  }

  public String red(String text) {
    return style("31", text);
  }

  public String green(String text) {
    return style("32", text);
  }

  public String yellow(String text) {
    return style("33", text);
  }

  public String bold(String text) {
    return style("1", text);
  }

  public String dim(String text) {
    return style("2", text);
  }

  private String style(String code, String text) {
    return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
  }
}
