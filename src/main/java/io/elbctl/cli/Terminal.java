package io.elbctl.cli;

import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;
import picocli.CommandLine.Help.Ansi;

/**
 * Whether output goes to a terminal, colours only when it does and NO_COLOR is unset, and how many
 * columns a line that is redrawn in place may take.
 */
public final class Terminal {
  /** The width assumed when neither COLUMNS nor the terminal says: the classic terminal. */
  static final int DEFAULT_WIDTH = 80;

  private final boolean interactive;
  private final boolean colour;
  private final Supplier<OptionalInt> size;
  private int width;

  public Terminal(boolean interactive, boolean colour) {
    this(interactive, colour, DEFAULT_WIDTH);
  }

  public Terminal(boolean interactive, boolean colour, int width) {
    this(interactive, colour, () -> OptionalInt.of(width));
  }

  /** {@code size} is asked once, when a line first needs fitting; empty means it cannot say. */
  Terminal(boolean interactive, boolean colour, Supplier<OptionalInt> size) {
    this.interactive = interactive;
    this.colour = colour;
    this.size = size;
  }

  public static Terminal detect(Map<String, String> env) {
    boolean interactive = System.console() != null;
    boolean noColor = env.containsKey("NO_COLOR") && !env.get("NO_COLOR").isEmpty();
    boolean dumb = "dumb".equals(env.get("TERM"));
    Supplier<OptionalInt> size = size(env.get("COLUMNS"), interactive, TerminalSize::query);
    return new Terminal(interactive, interactive && !noColor && !dumb, size);
  }

  /**
   * Where the width comes from: COLUMNS when set, else on a terminal {@code ask} (asking costs a
   * process, so only a run that fits a line pays it), else nothing.
   */
  static Supplier<OptionalInt> size(
      String columns, boolean interactive, Supplier<OptionalInt> ask) {
    return () -> {
      OptionalInt given = columns(columns);
      return given.isPresent() || !interactive ? given : ask.get();
    };
  }

  /** COLUMNS as shells export it, when it is a plausible width. */
  static OptionalInt columns(String columns) {
    if (columns != null && columns.strip().matches("\\d{1,4}")) {
      int width = Integer.parseInt(columns.strip());
      if (width >= 20) {
        return OptionalInt.of(width);
      }
    }
    return OptionalInt.empty();
  }

  /** COLUMNS as shells export it, else {@link #DEFAULT_WIDTH}. */
  static int width(String columns) {
    return columns(columns).orElse(DEFAULT_WIDTH);
  }

  public boolean interactive() {
    return interactive;
  }

  public boolean colour() {
    return colour;
  }

  /** The columns a line may take: COLUMNS, else the terminal's own size, else 80. */
  public synchronized int width() {
    if (width == 0) {
      OptionalInt said = size.get();
      width = said.isPresent() && said.getAsInt() >= 20 ? said.getAsInt() : DEFAULT_WIDTH;
    }
    return width;
  }

  /**
   * {@code line} cut to fit one row with a column to spare, ending in "…" when cut: a line as wide
   * as the terminal wraps, and then each redraw starts a new row instead of replacing the last.
   */
  public String fit(String line) {
    int room = width() - 1;
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
