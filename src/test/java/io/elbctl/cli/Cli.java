package io.elbctl.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/** Runs the real command line in-process with captured streams, for tests. */
public final class Cli {
  private Cli() {}

  /** The outcome of one run; {@code toString} shows both streams for failure messages. */
  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
  }

  /** One command line reused across runs, for tests that run thousands of commands. */
  public static final class Runner {
    private final picocli.CommandLine commandLine;

    private Runner(Map<String, String> env) {
      commandLine =
          Main.commandLine(
              new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), env);
    }

    public Result run(String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      commandLine.setOut(new PrintWriter(out, true));
      commandLine.setErr(new PrintWriter(err, true));
      int code = commandLine.execute(args);
      return new Result(code, out.toString(), err.toString());
    }
  }

  public static Runner runner(Map<String, String> env) {
    return new Runner(env);
  }

  public static Result run(String... args) {
    return run(Map.of(), args);
  }

  public static Result run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> environment = new HashMap<>(env);
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), environment);
    return new Result(code, out.toString(), err.toString());
  }
}
