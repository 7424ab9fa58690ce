package io.elbctl.cli;

import java.util.Map;
import picocli.CommandLine.Command;

/** The {@code elbctl} command tree: the root command's flags and help, and every subcommand. */
@Command(
    subcommands = {
      ValidateCommand.class,
      SchemaCommand.class,
      InitCommand.class,
      CompletionCommand.class,
      picocli.CommandLine.HelpCommand.class
    })
public final class ElbctlCommand extends RootCommand {
  public ElbctlCommand(Terminal terminal, Map<String, String> env) {
    super(terminal, env);
  }
}
