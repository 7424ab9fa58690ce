package io.elbctl.cli;

import io.elbctl.ExitCode;
import io.elbctl.plan.Diagnosis.Finding;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code elbctl doctor}: checks what makes a setup fail in ways AWS reports late or never. */
@Command(
    name = "doctor",
    description = {
      "Check the environment of the spec: the registrar delegates the domain to the hosted",
      "zone's name servers (through DNS; skipped with a note when DNS is unreachable), CAA",
      "records allow Amazon, no CNAME or foreign record sits at an alias name, the subnets span",
      "two availability zones and (internet-facing) route to an internet gateway, and the",
      "certificate is in the load balancer's region; says whether Elastic Load Balancing's",
      "service-linked role exists. Read-only. apply runs the same checks and",
      "prints failures as warnings. ELBCTL_DNS_SERVER=host[:port] picks the DNS server."
    })
public final class DoctorCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @ParentCommand ElbctlCommand root;
  @Mixin SpecFileOptions specFile;
  @Mixin AwsOptions aws;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    try (AwsRun run = AwsRun.open(command, root, specFile, aws, output)) {
      List<Finding> findings = run.session.doctor(run.session.gateway.read(run.spec), run.env);
      if (run.json()) {
        run.out.println(Json.pretty(DoctorReport.json(run.spec.name(), findings)));
      } else {
        String title = "Doctor for " + run.spec.name() + " in " + run.region() + ":";
        DoctorReport.text(run.out, run.terminal, title, findings);
      }
      run.out.flush();
      return DoctorReport.failed(findings) ? ExitCode.ERROR.code : ExitCode.OK.code;
    }
  }
}
