package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.sim.Cidr;
import io.elbctl.sim.HealthModel;
import io.elbctl.sim.HealthProber;
import io.elbctl.sim.HealthSettings;
import io.elbctl.sim.HealthTimeline;
import io.elbctl.sim.ProbeOutcome;
import io.elbctl.sim.ProbeRun;
import io.elbctl.sim.Router;
import io.elbctl.sim.TargetHealth;
import io.elbctl.sim.TargetRef;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the health timeline and probe options of {@code simulate} and prints what they saw. */
final class HealthOutput {
  private HealthOutput() {}

  static void timeline(
      HealthModel health,
      HealthArguments.Timeline timeline,
      PrintWriter out,
      ArrayNode json,
      Terminal terminal) {
    String subject = timeline.subject();
    List<ProbeOutcome> outcomes = timeline.outcomes();
    String group = SimulationSetup.groupOf(subject);
    HealthSettings settings = health.settings(SimulationSetup.groupOf(subject));
    for (TargetRef target : SimulationSetup.selectTargets(health, subject, "--health-timeline")) {
      List<HealthTimeline.Step> steps = HealthTimeline.run(health, group, target, outcomes);
      ObjectNode item = json.addObject();
      item.put("group", group);
      item.put("target", target.key());
      ArrayNode checks = item.putArray("checks");
      if (out != null) {
        out.println(
            terminal.bold("health timeline " + group + " " + target.key())
                + terminal.dim(
                    "  (interval "
                        + settings.interval().toSeconds()
                        + " s, timeout "
                        + settings.timeout().toSeconds()
                        + " s, healthy after "
                        + settings.healthyThreshold()
                        + ", unhealthy after "
                        + settings.unhealthyThreshold()
                        + ", matcher "
                        + settings.matcher()
                        + ")"));
        out.println(
            String.format("  %6s  registered       initial    Elb.RegistrationInProgress", "0s"));
      }
      for (HealthTimeline.Step step : steps) {
        ObjectNode check = checks.addObject();
        check.put("check", step.check());
        check.put("atSeconds", step.at().toSeconds());
        check.put("outcome", step.outcome().toString());
        check.put("state", step.after().state().name());
        check.put("reason", step.after().reason());
        check.put("description", step.after().description());
        check.put("changed", step.change().isPresent());
        if (out != null) {
          String line =
              String.format(
                  "  %6s  check %-2d %-7s %s %-10s %s",
                  step.at().toSeconds() + "s",
                  step.check(),
                  step.outcome(),
                  step.change().isPresent() ? "→" : " ",
                  step.after().state(),
                  reason(step.after()));
          out.println(step.change().isPresent() ? terminal.bold(line) : line);
        }
      }
      item.put("state", health.state(group, target).name());
    }
  }

  static void probe(
      io.elbctl.spec.Spec spec,
      Router router,
      HealthModel health,
      Map<String, URI> urls,
      Double timeoutSeconds,
      PrintWriter out,
      ArrayNode json,
      Terminal terminal) {
    for (String group : urls.keySet()) {
      SimulationSetup.selectTargets(health, group, "--probe-url");
    }
    if (timeoutSeconds != null && (timeoutSeconds <= 0 || timeoutSeconds > 120)) {
      throw new ElbctlException(
          ExitCode.USAGE, "--probe-timeout must be between 0 and 120 seconds");
    }
    List<ProbeRun.Subject> subjects = new ArrayList<>();
    for (String group : HealthModel.groupsInUse(spec)) {
      HealthSettings settings = health.settings(group);
      for (TargetRef target : health.targets(group)) {
        URI uri = urls.get(group);
        boolean https = "HTTPS".equalsIgnoreCase(settings.protocol());
        String host;
        int port;
        String path = settings.path();
        if (uri != null) {
          host = uri.getHost();
          https = "https".equalsIgnoreCase(uri.getScheme());
          port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
          if (uri.getRawPath() != null
              && !uri.getRawPath().isEmpty()
              && !uri.getRawPath().equals("/")) {
            path = uri.getRawPath();
          }
        } else {
          host = Cidr.address(target.id()) != null ? target.id() : "127.0.0.1";
          port = settings.portFor(target);
        }
        subjects.add(
            new ProbeRun.Subject(
                group, target, new HealthProber.ProbeTarget(host, port, path, https)));
      }
    }
    subjects.sort(java.util.Comparator.comparing(s -> router.groupNames().indexOf(s.group())));
    Duration timeout =
        timeoutSeconds == null ? null : Duration.ofMillis((long) (timeoutSeconds * 1000));
    List<ProbeRun.Report> reports = ProbeRun.run(health, subjects, timeout);
    for (ProbeRun.Report report : reports) {
      ProbeRun.Subject subject = report.subject();
      ObjectNode item = json.addObject();
      item.put("group", subject.group());
      item.put("target", subject.target().key());
      item.put("probed", subject.sendTo().toString());
      ArrayNode outcomes = item.putArray("outcomes");
      report.outcomes().forEach(o -> outcomes.add(o.toString()));
      item.put("state", report.health().state().name());
      item.put("reason", report.health().reason());
      item.put("description", report.health().description());
      item.put("pitfall", report.pitfall().orElse(null));
      if (out != null) {
        String state = report.health().state().name();
        out.println(
            terminal.bold("probe " + subject.group() + " " + subject.target().key())
                + " GET "
                + subject.sendTo()
                + ": "
                + String.join(", ", report.outcomes().stream().map(ProbeOutcome::toString).toList())
                + " → "
                + (report.health().state() == io.elbctl.sim.TargetState.healthy
                    ? terminal.green(state)
                    : terminal.red(state))
                + (report.health().reason() == null ? "" : " " + reason(report.health())));
        report.pitfall().ifPresent(p -> out.println(terminal.yellow("  pitfall: " + p)));
      }
    }
  }

  private static String reason(TargetHealth health) {
    if (health.reason() == null) {
      return "";
    }
    return health.reason() + (health.description() == null ? "" : ": " + health.description());
  }
}
