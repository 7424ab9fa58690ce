package io.elbctl.cli;

import io.elbctl.ExitCode;
import io.elbctl.aws.IamPolicy;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code elbctl iam-policy}: prints the least-privilege IAM policy this spec needs. */
@Command(
    name = "iam-policy",
    description = {
      "Print the least-privilege IAM policy (JSON) that plan, apply and destroy need for this",
      "spec: read-only statements for plan, then creates tagged elbctl:spec=<name>, changes and",
      "deletes allowed only on resources carrying that tag, and record changes only for the",
      "spec's names in its hosted zone. Looks the hosted zone id up (one read-only call) unless",
      "--hosted-zone-id is given; --adopt also reads live state to name the security group it",
      "would adopt."
    })
public final class IamPolicyCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @ParentCommand ElbctlCommand root;
  @Mixin SpecFileOptions specFile;
  @Mixin AwsOptions aws;

  @Option(
      names = "--hosted-zone-id",
      paramLabel = "ID",
      description = "The hosted zone's id (Z…); skips the lookup, so no AWS call is made.")
  String zoneId;

  @Option(names = "--read-only", description = "Only the statements plan (and doctor) need.")
  boolean readOnly;

  @Option(
      names = "--adopt",
      description =
          "Add the statements apply --adopt needs; reads live state (read-only) to name the"
              + " security group it would adopt.")
  boolean adopt;

  @Option(
      names = "--explain",
      description = "Print the statements as a Markdown table with the reason for each.")
  boolean explain;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    io.elbctl.spec.Spec spec = specFile.load(command.commandLine().getErr());
    String zone =
        zoneId == null
            ? lookUp(spec, AwsSession::hostedZoneId)
            : zoneId.replaceFirst("^/?hostedzone/", "");
    IamPolicy.Adoption adoption = adopt ? lookUp(spec, AwsSession::adoption) : null;
    List<IamPolicy.Statement> statements =
        IamPolicy.statements(spec, zone, adoption).stream()
            .filter(s -> !readOnly || s.use() == IamPolicy.Use.PLAN)
            .toList();
    PolicyOutput.print(out, command.commandLine().getErr(), statements, explain);
    out.flush();
    return ExitCode.OK.code;
  }

  private <T> T lookUp(io.elbctl.spec.Spec spec, java.util.function.Function<AwsSession, T> read) {
    try (AwsSession session = new AwsSession(spec, aws, root.env())) {
      return read.apply(session);
    }
  }
}
