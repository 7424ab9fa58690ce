package io.elbctl.cli;

import java.util.Map;
import picocli.CommandLine.Help.Ansi;

/** Whether output goes to a terminal, and colours only when it does and NO_COLOR is unset. */
public record Terminal(boolean interactive, boolean colour) {

  public static Terminal detect(Map<String, String> env) {
    boolean interactive = System.console() != null;
    boolean noColor = env.containsKey("NO_COLOR") && !env.get("NO_COLOR").isEmpty();
    boolean dumb = "dumb".equals(env.get("TERM"));
    return new Terminal(interactive, interactive && !noColor && !dumb);
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
