package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.elbctl.sim.HealthModel;
import io.elbctl.sim.Router;
import io.elbctl.sim.Semantics;
import io.elbctl.spec.Spec;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The flags of {@code simulate} that state, replay or probe the targets' health. */
public final class HealthOptions {
  @Option(
      names = "--target-health",
      paramLabel = "GROUP[/TARGET]=STATE",
      converter = TargetHealth.Converter.class,
      description =
          "State a group's (or one target's) health: healthy, unhealthy, initial, draining or"
              + " unused (repeatable). TARGET is an id or id:port. Unstated targets are healthy.")
  List<TargetHealth> targetHealth = new ArrayList<>();

  @Option(
      names = "--health-timeline",
      paramLabel = "GROUP[/TARGET]=OUTCOMES",
      converter = HealthArguments.TimelineConverter.class,
      description =
          "Replay scripted health-check outcomes (e.g. 200,200,302,timeout,refused) for a freshly"
              + " registered target and print each state change with its time and reason code;"
              + " routing then uses the final state (repeatable).")
  List<HealthArguments.Timeline> timelines = new ArrayList<>();

  @Option(
      names = "--probe",
      description =
          "Send real ALB-shaped health checks to the targets (IP targets at their address,"
              + " instance targets at 127.0.0.1) and route with the health observed.")
  boolean probe;

  @Option(
      names = "--probe-url",
      paramLabel = "GROUP=URL",
      converter = {HealthArguments.GroupConverter.class, HealthArguments.ProbeUrlConverter.class},
      description =
          "Where to probe a group's targets, e.g. backend=http://localhost:8080 (a path in the URL"
              + " replaces the health-check path; implies --probe; repeatable).")
  Map<String, URI> probeUrls = new LinkedHashMap<>();

  @Option(
      names = "--probe-timeout",
      paramLabel = "SECONDS",
      description = "Per-check timeout for --probe (default: each group's timeoutSeconds).")
  Double probeTimeout;

  /** True when a timeline or a probe prints health of its own. */
  boolean reports() {
    return !timelines.isEmpty() || probe || !probeUrls.isEmpty();
  }

  /**
   * The health model these flags describe: stated, then replayed, then probed; what the timelines
   * and probes saw is printed to {@code out} (none with JSON output) and added to {@code json}.
   */
  HealthModel model(
      Spec spec,
      Router router,
      Semantics semantics,
      PrintWriter out,
      ArrayNode json,
      Terminal terminal) {
    HealthModel health = HealthModel.healthy(spec, semantics);
    SimulationSetup.applyTargetHealth(health, targetHealth);
    for (HealthArguments.Timeline timeline : timelines) {
      HealthOutput.timeline(health, timeline, out, json, terminal);
    }
    if (probe || !probeUrls.isEmpty()) {
      HealthOutput.probe(spec, router, health, probeUrls, probeTimeout, out, json, terminal);
    }
    return health;
  }
}
