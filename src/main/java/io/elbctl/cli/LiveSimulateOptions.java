package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.live.LiveAlb;
import io.elbctl.sim.Decision;
import io.elbctl.sim.LiveRouting;
import io.elbctl.sim.RuleCompilationException;
import io.elbctl.sim.Semantics;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code simulate --live}: routes the request through the live load balancer's rules and target
 * health (read-only calls), explained as the offline simulation explains, and with a spec, where
 * the spec decides differently.
 */
public final class LiveSimulateOptions {
  @Option(
      names = "--live",
      description =
          "Route through the live load balancer's rules and target health (read-only AWS calls);"
              + " with -f, also show where the spec decides differently.")
  boolean live;

  @Mixin LiveOptions alb;

  /** True with --live; --load-balancer or --hosted-zone without it is a usage error. */
  boolean requested() {
    if (!live && (alb.given() || alb.hostedZone != null)) {
      throw new ElbctlException(
          ExitCode.USAGE,
          "--load-balancer and --hosted-zone name a live load balancer: add --live");
    }
    return live;
  }

  int run(
      CommandSpec command,
      RootCommand root,
      SpecOptions specOptions,
      AwsOptions aws,
      RequestOptions request,
      String target,
      boolean json,
      Semantics semantics) {
    if (target == null) {
      throw new ElbctlException(ExitCode.USAGE, "give the request as PATH_OR_URL, e.g. /login");
    }
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    boolean specGiven = command.commandLine().getParseResult().hasMatchedOption("--file");
    try (LiveRun run = LiveRun.open(specOptions, specGiven, alb, aws, root, err)) {
      LiveAlb liveAlb = run.read();
      LiveRouting routing = routing(liveAlb, semantics);
      routing.left().forEach(w -> err.println("elbctl: warning: live " + w.describe()));
      List<Decision> liveHops = request.route(routing.router(), target, routing.health());
      if (run.spec == null) {
        DecisionRenderer.print(
            out,
            liveHops,
            SimulationSetup.picks(routing.spec(), liveHops),
            JsonNodeFactory.instance.arrayNode(),
            json,
            root.terminal(),
            SimulationSetup.certificateChoice(routing.spec(), null));
        return ExitCode.OK.code;
      }
      List<Decision> specHops =
          request.route(
              SimulationSetup.compile(run.spec, semantics),
              target,
              LiveRouting.health(run.spec, liveAlb, semantics));
      List<String> differences = LiveRouting.differences(liveHops, specHops);
      if (json) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.set("live", DecisionRenderer.json(liveHops));
        document.set("spec", DecisionRenderer.json(specHops));
        differences.forEach(document.putArray("differences")::add);
        out.println(Json.pretty(document));
        return ExitCode.OK.code;
      }
      out.println(root.terminal().bold("live load balancer " + liveAlb.loadBalancer().name()));
      DecisionRenderer.print(
          out,
          liveHops,
          SimulationSetup.picks(routing.spec(), liveHops),
          JsonNodeFactory.instance.arrayNode(),
          false,
          root.terminal(),
          SimulationSetup.certificateChoice(routing.spec(), null));
      out.println();
      out.println(
          differences.isEmpty()
              ? "The spec " + run.spec.name() + " decides the same."
              : "The spec " + run.spec.name() + " decides differently:");
      differences.forEach(d -> out.println("  " + d));
      return ExitCode.OK.code;
    }
  }

  private static LiveRouting routing(LiveAlb live, Semantics semantics) {
    try {
      return LiveRouting.of(live, semantics);
    } catch (RuleCompilationException e) {
      throw new ElbctlException(
          ExitCode.ERROR, "cannot compile the live load balancer's rules: " + e.getMessage());
    }
  }
}
