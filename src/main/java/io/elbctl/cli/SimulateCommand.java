package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.sim.CertificateChoice;
import io.elbctl.sim.Decision;
import io.elbctl.sim.HealthModel;
import io.elbctl.sim.Router;
import io.elbctl.sim.Semantics;
import io.elbctl.sim.StickyCookies;
import io.elbctl.sim.TargetPicker;
import io.elbctl.spec.ForwardAction;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
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

  @Mixin SemanticsOptions semanticsOptions;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    io.elbctl.spec.Spec spec = specOptions.loadQuietly(null, command.commandLine().getErr());
    Semantics semantics = semanticsOptions.semantics();
    Router router = SimulationSetup.compile(spec, semantics);
    Terminal terminal = root.terminal();
    if (replay.requested()) {
      return replay.run(router, semantics, output.json(), command, terminal);
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
    TargetPicker picker = new TargetPicker(spec);
    List<TargetPicker.Pick> picks = new ArrayList<>();
    for (Decision hop : hops) {
      picks.add(
          hop.action() instanceof ForwardAction && !answeredByTheLoadBalancer(hop)
              ? picker.pick(hop, StickyCookies.fromHeaders(hop.request().headers()), Instant.now())
              : null);
    }
    Function<Decision, CertificateChoice> tls =
        hop -> {
          if (!"HTTPS".equals(hop.listenerProtocol()) || spec.certificate() == null) {
            return null;
          }
          io.elbctl.spec.Listener listener =
              spec.loadBalancer().listeners().stream()
                  .filter(l -> l.port() == hop.listenerPort())
                  .findFirst()
                  .orElseThrow();
          return CertificateChoice.choose(
              CertificateChoice.served(spec, listener),
              sni != null ? sni : hop.request().hostName());
        };
    DecisionRenderer.print(out, hops, picks, seen, output.json(), terminal, tls);
    return ExitCode.OK.code;
  }

  /** An authenticate action's 302 or 401, or a failed transform's 500: no target is picked. */
  private static boolean answeredByTheLoadBalancer(Decision hop) {
    return (hop.authentication() != null && hop.authentication().statusCode() != null)
        || (hop.rewritten() != null && hop.rewritten().failed());
  }
}
