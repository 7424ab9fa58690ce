package io.elbctl.cli;

import io.elbctl.ExitCode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code elbctl} root command without its subcommand list, so that {@link Main} can run one
 * subcommand without building the model of every other one; {@link ElbctlCommand} adds the list.
 * Every subcommand inherits {@code --help}, {@code --version} and the option order from here; the
 * attributes only the root's help shows are set in {@link #describe}, after the inheritance.
 */
@Command(
    name = "elbctl",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false)
public class RootCommand implements Callable<Integer> {
  private final Terminal terminal;
  private final Map<String, String> env;

  @Spec CommandSpec spec;

  // Listed last in every command's help, whichever way the command tree was built.
  @Option(
      names = "--stacktrace",
      scope = ScopeType.INHERIT,
      order = 1000,
      description = "Print the stack trace of an unexpected error.")
  boolean stacktrace;

  RootCommand(Terminal terminal, Map<String, String> env) {
    this.terminal = terminal;
    this.env = Map.copyOf(env);
  }

  public Terminal terminal() {
    return terminal;
  }

  public Map<String, String> env() {
    return env;
  }

  /** The root's own help: header, command label and the exit codes of {@link ExitCode}. */
  static void describe(CommandSpec root) {
    root.usageMessage()
        .header("Provision and simulate an AWS Application Load Balancer setup from one JSON spec.")
        .autoWidth(true)
        .footerHeading("%nExit codes:%n")
        .footer(ExitCode.helpLines())
        .synopsisSubcommandLabel("COMMAND");
  }

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    err.println("elbctl: missing command.");
    err.println("Try 'elbctl --help' for the list of commands.");
    return ExitCode.USAGE.code;
  }
}
