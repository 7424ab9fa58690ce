package io.elbctl.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code elbctl completion}: prints a bash/zsh completion script. */
@Command(
    name = "completion",
    description = {
      "Print a bash/zsh completion script.",
      "bash: source <(elbctl completion)",
      "zsh:  autoload -U +X bashcompinit && bashcompinit && source <(elbctl completion)"
    })
public final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Override
  public Integer call() {
    String script = AutoComplete.bash("elbctl", command.root().commandLine());
    command.commandLine().getOut().print(script);
    command.commandLine().getOut().flush();
    return 0;
  }
}
