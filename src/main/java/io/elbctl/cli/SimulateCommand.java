package io.elbctl.cli;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.sim.Decision;
import io.elbctl.sim.HealthModel;
import io.elbctl.sim.Request;
import io.elbctl.sim.Router;
import io.elbctl.sim.Semantics;
import java.io.PrintWriter;
import java.util.ArrayList;
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

  @Option(
      names = {"-X", "--method"},
      paramLabel = "METHOD",
      description = "HTTP method (default: GET).")
  String method = "GET";

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "Host header (default: the URL's host, else the spec's first record).")
  String host;

  @Option(
      names = {"-H", "--header"},
      paramLabel = "'NAME: VALUE'",
      description = "A request header (repeatable).")
  List<String> headers = new ArrayList<>();

  @Option(
      names = "--source-ip",
      paramLabel = "IP",
      description =
          "Address of the client connection (source-ip conditions never read X-Forwarded-For).")
  String sourceIp;

  @Option(
      names = "--listener",
      paramLabel = "PORT",
      description =
          "Listener port (default: the URL's port, else the HTTPS listener, else the lowest).")
  Integer listenerPort;

  @Option(
      names = "--follow",
      description = "Follow a redirect into the listener its Location names, as a browser would.")
  boolean follow;

  @Option(
      names = "--target-health",
      paramLabel = "GROUP[/TARGET]=STATE",
      description =
          "State a group's (or one target's) health: healthy, unhealthy, initial, draining or"
              + " unused (repeatable). TARGET is an id or id:port. Unstated targets are healthy.")
  List<String> targetHealth = new ArrayList<>();

  @Option(
      names = "--health-timeline",
      paramLabel = "GROUP[/TARGET]=OUTCOMES",
      description =
          "Replay scripted health-check outcomes (e.g. 200,200,302,timeout,refused) for a freshly"
              + " registered target and print each state change with its time and reason code;"
              + " routing then uses the final state (repeatable).")
  List<String> timelines = new ArrayList<>();

  @Option(
      names = "--probe",
      description =
          "Send real ALB-shaped health checks to the targets (IP targets at their address,"
              + " instance targets at 127.0.0.1) and route with the health observed.")
  boolean probe;

  @Option(
      names = "--probe-url",
      paramLabel = "GROUP=URL",
      description =
          "Where to probe a group's targets, e.g. backend=http://localhost:8080 (a path in the URL"
              + " replaces the health-check path; implies --probe; repeatable).")
  List<String> probeUrls = new ArrayList<>();

  @Option(
      names = "--probe-timeout",
      paramLabel = "SECONDS",
      description = "Per-check timeout for --probe (default: each group's timeoutSeconds).")
  Double probeTimeout;

  @Option(
      names = "--replay",
      paramLabel = "FILE",
      description =
          "Replay ALB access-log lines (or plain 'METHOD URL' lines; - for stdin) and count the"
              + " requests each rule and target group receives.")
  String replay;

  @Option(
      names = "--compare",
      paramLabel = "OTHER_SPEC",
      description = "With --replay: print the requests whose destination differs in OTHER_SPEC.")
  java.nio.file.Path compare;

  @Mixin SemanticsOptions semanticsOptions;

  @Override
  public Integer call() {
    PrintWriter err = command.commandLine().getErr();
    io.elbctl.spec.Spec spec = specOptions.loadQuietly(null, err);
    Semantics semantics = semanticsOptions.semantics();
    Router router = SimulationSetup.compile(spec, semantics);
    if (replay != null) {
      return ReplayOutput.run(
          router, replay, compare, semantics, output.json(), command, root.terminal());
    }
    if (compare != null) {
      throw new ElbctlException(ExitCode.USAGE, "--compare needs --replay FILE");
    }
    HealthModel health = HealthModel.healthy(spec, semantics);
    SimulationSetup.applyTargetHealth(health, targetHealth);
    PrintWriter out = command.commandLine().getOut();
    com.fasterxml.jackson.databind.node.ArrayNode healthJson =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    for (String timeline : timelines) {
      HealthOutput.timeline(
          health, timeline, output.json() ? null : out, healthJson, root.terminal());
    }
    if (probe || !probeUrls.isEmpty()) {
      HealthOutput.probe(
          spec,
          router,
          health,
          probeUrls,
          probeTimeout,
          output.json() ? null : out,
          healthJson,
          root.terminal());
    }
    if (target == null) {
      if (timelines.isEmpty() && !probe && probeUrls.isEmpty()) {
        throw new ElbctlException(ExitCode.USAGE, "give the request as PATH_OR_URL, e.g. /login");
      }
      if (output.json()) {
        com.fasterxml.jackson.databind.node.ObjectNode json =
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        json.set("health", healthJson);
        out.println(Json.pretty(json));
      }
      return ExitCode.OK.code;
    }
    if (!output.json() && (!timelines.isEmpty() || probe || !probeUrls.isEmpty())) {
      out.println();
    }
    Request request = request();
    List<Decision> hops;
    try {
      hops = follow ? router.follow(request, health) : List.of(router.decide(request, health));
    } catch (IllegalArgumentException e) {
      throw new ElbctlException(ExitCode.USAGE, e.getMessage());
    }
    if (output.json()) {
      com.fasterxml.jackson.databind.node.ObjectNode json = DecisionRenderer.json(hops);
      if (!healthJson.isEmpty()) {
        json.set("health", healthJson);
      }
      out.println(Json.pretty(json));
    } else {
      DecisionRenderer.text(hops, root.terminal(), out);
    }
    return ExitCode.OK.code;
  }

  private Request request() {
    try {
      Request request = Request.parse(target, method);
      if (host != null) {
        request = request.withHost(host);
      }
      List<Request.Header> parsed = new ArrayList<>();
      for (String header : headers) {
        parsed.add(Request.Header.parse(header));
      }
      request = request.withHeaders(parsed);
      if (sourceIp != null) {
        if (io.elbctl.sim.Cidr.address(sourceIp) == null) {
          throw new IllegalArgumentException("--source-ip '" + sourceIp + "' is not an IP address");
        }
        request = request.withSourceIp(sourceIp);
      }
      if (listenerPort != null) {
        request = request.withPort(listenerPort);
      }
      return request;
    } catch (IllegalArgumentException e) {
      throw new ElbctlException(ExitCode.USAGE, e.getMessage());
    }
  }
}
