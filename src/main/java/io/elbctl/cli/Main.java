package io.elbctl.cli;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Entry point: builds the command line, maps every failure to one sentence and an exit code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = run(args, out, err, System.getenv());
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs elbctl with the given streams and environment; returns the exit code. */
  public static int run(
      String[] args, PrintWriter out, PrintWriter err, java.util.Map<String, String> env) {
    for (String name :
        new String[] {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"}) {
      io.elbctl.Secrets.add(env.get(name));
    }
    CommandLine commandLine =
        commandLine(io.elbctl.Secrets.redacting(out), io.elbctl.Secrets.redacting(err), env);
    return commandLine.execute(args);
  }

  public static CommandLine commandLine(
      PrintWriter out, PrintWriter err, java.util.Map<String, String> env) {
    Terminal terminal = Terminal.detect(env);
    CommandLine commandLine = new CommandLine(new ElbctlCommand(terminal, env));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(terminal.ansi()));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setParameterExceptionHandler(Main::usageError);
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) ->
            failure(exception, cmd, parseResult.hasMatchedOption("--stacktrace")));
    commandLine.setExitCodeExceptionMapper(e -> ExitCode.ERROR.code);
    return commandLine;
  }

  private static int usageError(ParameterException exception, String[] args) {
    CommandLine cmd = exception.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("elbctl: " + exception.getMessage());
    UnmatchedArgumentException.printSuggestions(exception, err);
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    return ExitCode.USAGE.code;
  }

  private static int failure(Exception exception, CommandLine cmd, boolean stacktrace) {
    PrintWriter err = cmd.getErr();
    if (exception instanceof ElbctlException known) {
      err.println("elbctl: " + known.getMessage());
      if (stacktrace) {
        known.printStackTrace(err);
      }
      return known.exitCode().code;
    }
    err.println(
        "elbctl: internal error: "
            + exception.getClass().getSimpleName()
            + (exception.getMessage() == null ? "" : ": " + exception.getMessage())
            + (stacktrace ? "" : " (run again with --stacktrace for details)"));
    if (stacktrace) {
      exception.printStackTrace(err);
    }
    return ExitCode.ERROR.code;
  }
}
