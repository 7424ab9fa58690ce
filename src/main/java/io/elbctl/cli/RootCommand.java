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
 */
@Command(
    name = "elbctl",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    header = "Provision and simulate an AWS Application Load Balancer setup from one JSON spec.",
    synopsisSubcommandLabel = "COMMAND",
    // The footer lines come from ExitCode (see Main.configure).
    footerHeading = "%nExit codes:%n")
public class RootCommand implements Callable<Integer> {
  private final Terminal terminal;
  private final Map<String, String> env;

  @Spec CommandSpec spec;

  @Option(
      names = "--stacktrace",
      scope = ScopeType.INHERIT,
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

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    err.println("elbctl: missing command.");
    err.println("Try 'elbctl --help' for the list of commands.");
    return ExitCode.USAGE.code;
  }
}
