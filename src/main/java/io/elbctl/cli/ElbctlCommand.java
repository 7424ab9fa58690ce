package io.elbctl.cli;

import java.util.Map;
import picocli.CommandLine.Command;

/** The {@code elbctl} command tree: the root command's flags and help, and every subcommand. */
@Command(
    subcommands = {
      ValidateCommand.class,
      SimulateCommand.class,
      LintCommand.class,
      TestCommand.class,
      ServeCommand.class,
      SchemaCommand.class,
      InitCommand.class,
      CompletionCommand.class,
      PlanCommand.class,
      ApplyCommand.class,
      DestroyCommand.class,
      DoctorCommand.class,
      IamPolicyCommand.class,
      DomainCommand.class,
      CertificateCommand.class,
      TargetGroupsCommand.class,
      LoadBalancerCommand.class,
      RulesCommand.class,
      DnsCommand.class,
      ImportCommand.class,
      StatusCommand.class,
      picocli.CommandLine.HelpCommand.class
    })
public final class ElbctlCommand extends RootCommand {
  public ElbctlCommand(Terminal terminal, Map<String, String> env) {
    super(terminal, env);
  }
}
