package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.plan.Diagnosis;
import io.elbctl.plan.Diagnosis.Finding;
import io.elbctl.plan.Diagnosis.Level;
import io.elbctl.plan.Inventory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code elbctl doctor}: checks what makes a setup fail in ways AWS reports late or never. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
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
  @Mixin SpecOptions specOptions;
  @Mixin AwsOptions aws;
  @Mixin OutputOptions output;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Spec file.")
  Path positional;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    io.elbctl.spec.Spec spec = specOptions.load(positional, command.commandLine().getErr());
    try (AwsSession session = new AwsSession(spec, aws, root.env())) {
      Inventory inventory = session.gateway.read(spec);
      List<Finding> findings = session.doctor(inventory, root.env());
      boolean failed = findings.stream().anyMatch(f -> f.level() == Level.FAIL);
      if (output.json()) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("spec", spec.name());
        json.put("ok", !failed);
        ArrayNode items = json.putArray("checks");
        for (Finding f : findings) {
          items
              .addObject()
              .put("check", f.check())
              .put("result", f.level().name().toLowerCase(java.util.Locale.ROOT))
              .put("message", f.message());
        }
        out.println(Json.pretty(json));
      } else {
        out.println(
            root.terminal().bold("Doctor for " + spec.name() + " in " + session.region() + ":"));
        for (Finding f : findings) {
          out.println(
              "  " + label(root.terminal(), f.level()) + " " + f.check() + ": " + f.message());
        }
        out.println();
        out.println(
            failed
                ? root.terminal().red("Problems found.") + " apply would fail or serve nothing."
                : root.terminal().green("No problems found."));
      }
      out.flush();
      return failed ? ExitCode.ERROR.code : ExitCode.OK.code;
    }
  }

  private static String label(Terminal terminal, Level level) {
    return switch (level) {
      case OK -> terminal.green("ok  ");
      case WARN -> terminal.yellow("warn");
      case FAIL -> terminal.red("FAIL");
      case SKIPPED -> terminal.dim("skip");
    };
  }

  /** Runs the checks at the start of apply and prints failures as warnings; never blocks. */
  static void warn(
      PrintWriter err,
      Terminal terminal,
      AwsSession session,
      Inventory inventory,
      Map<String, String> env) {
    try {
      for (Diagnosis.Finding f : session.doctor(inventory, env)) {
        if (f.level() == Level.FAIL || f.level() == Level.WARN) {
          err.println(terminal.yellow("warning:") + " doctor: " + f.check() + ": " + f.message());
        }
      }
    } catch (ElbctlException e) {
      err.println(terminal.yellow("warning:") + " doctor could not run: " + e.getMessage());
    }
    err.flush();
  }
}
