package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.sim.Decision;
import io.elbctl.sim.HealthModel;
import io.elbctl.sim.Router;
import io.elbctl.sim.Semantics;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code elbctl simulate}: routes a request through the spec's listeners offline and explains. */
@Command(
    name = "simulate",
    description = {
      "Route one request through the spec's listeners as the ALB would, offline, and explain",
      "every rule tried. PATH_OR_URL is a path (/login?x=1) or a URL (http://example.com/login)."
    })
public final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @ParentCommand ElbctlCommand root;
  @Mixin SpecOptions specOptions;
  @Mixin OutputOptions output;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH_OR_URL", description = "The request.")
  String target;

  @Mixin RequestOptions request;

  @Option(
      names = "--sni",
      paramLabel = "NAME",
      description =
          "TLS server name the client sends to an HTTPS listener (default: the request's host);"
              + " simulate names the certificate the listener presents for it.")
  String sni;

  @Mixin HealthOptions health;

  @Mixin ReplayOptions replay;
  @Mixin AwsOptions aws;

  @Mixin SemanticsOptions semanticsOptions;

  @Mixin LiveSimulateOptions live;

  @Override
  public Integer call() {
    if (live.requested()) {
      return live.run(
          command,
          root,
          specOptions,
          aws,
          request,
          target,
          output.json(),
          semanticsOptions.semantics());
    }
    PrintWriter out = command.commandLine().getOut();
    io.elbctl.spec.Spec spec = specOptions.loadQuietly(null, command.commandLine().getErr());
    Semantics semantics = semanticsOptions.semantics();
    Router router = SimulationSetup.compile(spec, semantics);
    Terminal terminal = root.terminal();
    if (replay.requested()) {
      return replay.run(spec, router, semantics, output.json(), command, root, aws);
    }
    ArrayNode seen = JsonNodeFactory.instance.arrayNode();
    HealthModel model =
        health.model(spec, router, semantics, output.json() ? null : out, seen, terminal);
    if (target == null && !health.reports()) {
      throw new ElbctlException(ExitCode.USAGE, "give the request as PATH_OR_URL, e.g. /login");
    }
    if (target != null && !output.json() && health.reports()) {
      out.println();
    }
    List<Decision> hops = target == null ? List.of() : request.route(router, target, model);
    DecisionRenderer.print(
        out,
        hops,
        SimulationSetup.picks(spec, hops),
        seen,
        output.json(),
        terminal,
        SimulationSetup.certificateChoice(spec, sni));
    return ExitCode.OK.code;
  }
}
