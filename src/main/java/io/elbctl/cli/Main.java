package io.elbctl.cli;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IFactory;
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
    return run(args, out, err, env, Terminal.detect(env));
  }

  /** Runs elbctl as {@link #run(String[], PrintWriter, PrintWriter, Map)} on {@code terminal}. */
  public static int run(
      String[] args,
      PrintWriter out,
      PrintWriter err,
      java.util.Map<String, String> env,
      Terminal terminal) {
    for (String name :
        new String[] {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"}) {
      io.elbctl.Secrets.add(env.get(name));
    }
    out = io.elbctl.Secrets.redacting(out);
    err = io.elbctl.Secrets.redacting(err);
    ElbctlCommand root = new ElbctlCommand(terminal, env);
    Class<?> subcommand = args.length == 0 ? null : runsAlone(args[0]);
    CommandLine commandLine;
    if (subcommand == null) {
      commandLine = new CommandLine(root);
    } else {
      // Building picocli's model of a command costs reflection over its annotations, and a run
      // uses one command: build the root from the superclass that has no subcommand list, with
      // the real root object so that @ParentCommand fields get the same instance either way.
      IFactory factory =
          new IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
              return type == RootCommand.class
                  ? type.cast(root)
                  : CommandLine.defaultFactory().create(type);
            }
          };
      commandLine = new CommandLine(RootCommand.class, factory);
      commandLine.addSubcommand(subcommand);
    }
    return configure(commandLine, out, err, terminal).execute(args);
  }

  /** The whole command tree, every subcommand included. */
  public static CommandLine commandLine(
      PrintWriter out, PrintWriter err, java.util.Map<String, String> env) {
    Terminal terminal = Terminal.detect(env);
    return configure(new CommandLine(new ElbctlCommand(terminal, env)), out, err, terminal);
  }

  /**
   * The subcommand class named {@code name}, or null when there is none or when it needs the whole
   * tree (help lists every command; completion describes them all).
   */
  static Class<?> runsAlone(String name) {
    for (Class<?> type : ElbctlCommand.class.getAnnotation(Command.class).subcommands()) {
      Command command = type.getAnnotation(Command.class);
      if (command == null
          || type == HelpCommand.class
          || type == CompletionCommand.class
          || !(command.name().equals(name) || Arrays.asList(command.aliases()).contains(name))) {
        continue;
      }
      return type;
    }
    return null;
  }

  private static CommandLine configure(
      CommandLine commandLine, PrintWriter out, PrintWriter err, Terminal terminal) {
    // Setters apply to the subcommands already added, so they come after the tree is complete.
    commandLine.setOut(out);
    commandLine.setErr(err);
    RootCommand.describe(commandLine.getCommandSpec());
    commandLine
        .getHelpSectionMap()
        .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Main::commandList);
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
    // picocli starts some messages (a missing option of a group) with its own "Error: ".
    err.println("elbctl: " + exception.getMessage().replaceFirst("^Error: ", ""));
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

  /** The command list of the root help: each command's first whole sentence, never a cut one. */
  private static String commandList(CommandLine.Help help) {
    Map<String, String> rows = new LinkedHashMap<>();
    help.subcommands()
        .forEach((name, sub) -> rows.put(name, summary(sub.commandSpec().usageMessage())));
    return help.createTextTable(rows).toString();
  }

  static String summary(CommandLine.Model.UsageMessageSpec usage) {
    String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
    String text = String.join(" ", lines).strip();
    Matcher sentence = FIRST_SENTENCE.matcher(text);
    return sentence.find() ? sentence.group(1) : text;
  }

  private static final Pattern FIRST_SENTENCE = Pattern.compile("^(.+?[.!?])(?=\\s|$)");
}
