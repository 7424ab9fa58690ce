package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.live.LiveAlb.TargetHealthState;
import io.elbctl.live.StatusReport;
import io.elbctl.live.StatusReport.AliasStatus;
import io.elbctl.live.StatusReport.CertificateStatus;
import io.elbctl.live.StatusReport.GroupStatus;

/** Prints a {@link StatusReport} as text or as one JSON object. */
final class StatusRenderer {
  /** Moves the cursor home and clears the screen, so that {@code --watch} redraws in place. */
  static final String CLEAR = "\u001b[H\u001b[2J";

  private StatusRenderer() {}

  static String text(StatusReport report, Terminal terminal) {
    StringBuilder text = new StringBuilder();
    line(
        text,
        terminal.bold("load balancer " + report.loadBalancer())
            + "  "
            + state(report.state(), "active", terminal)
            + "  "
            + terminal.dim(report.dnsName()));
    for (GroupStatus group : report.groups()) {
      line(text, terminal.bold("target group " + group.name()));
      if (group.empty()) {
        line(text, "  " + terminal.red("no registered target"));
      }
      for (TargetHealthState target : group.targets()) {
        line(
            text,
            "  "
                + target.target().id()
                + ":"
                + target.target().port()
                + "  "
                + state(target.state(), "healthy", terminal)
                + (target.reason() == null ? "" : "  " + target.reason())
                + (target.description() == null ? "" : "  " + terminal.dim(target.description())));
      }
    }
    for (CertificateStatus c : report.certificates()) {
      line(
          text,
          terminal.bold("certificate " + c.domainName())
              + "  "
              + state(c.status(), "ISSUED", terminal)
              + (c.notAfter() == null
                  ? ""
                  : "  expires " + c.notAfter() + " (" + c.daysLeft() + " days)")
              + (c.renewalEligibility() == null ? "" : "  renewal " + c.renewalEligibility()));
    }
    for (AliasStatus alias : report.aliases()) {
      String verdict =
          alias.resolves() == null
              ? terminal.yellow("not checked")
              : alias.resolves() ? terminal.green("resolves to it") : terminal.red("does not");
      line(
          text,
          terminal.bold("alias " + alias.name() + " " + alias.type())
              + "  "
              + verdict
              + "  "
              + terminal.dim(alias.detail()));
    }
    if (report.drift() != null) {
      line(
          text,
          report.drift().isEmpty()
              ? terminal.bold("drift") + "  " + terminal.green("none: the live setup matches")
              : terminal.bold("drift") + "  " + report.drift().size() + " change(s) to apply");
      report.drift().forEach(d -> line(text, "  " + d));
    }
    return text.toString();
  }

  private static String state(String state, String good, Terminal terminal) {
    return good.equals(state) ? terminal.green(state) : terminal.red(String.valueOf(state));
  }

  private static void line(StringBuilder text, String line) {
    text.append(line).append(System.lineSeparator());
  }

  static ObjectNode json(StatusReport report) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.putObject("loadBalancer")
        .put("name", report.loadBalancer())
        .put("state", report.state())
        .put("dnsName", report.dnsName());
    ArrayNode groups = root.putArray("targetGroups");
    for (GroupStatus group : report.groups()) {
      ArrayNode targets = groups.addObject().put("name", group.name()).putArray("targets");
      for (TargetHealthState t : group.targets()) {
        targets
            .addObject()
            .put("id", t.target().id())
            .put("port", t.target().port())
            .put("state", t.state())
            .put("reason", t.reason())
            .put("description", t.description());
      }
    }
    ArrayNode certificates = root.putArray("certificates");
    for (CertificateStatus c : report.certificates()) {
      certificates
          .addObject()
          .put("arn", c.arn())
          .put("domainName", c.domainName())
          .put("status", c.status())
          .put("notAfter", c.notAfter() == null ? null : c.notAfter().toString())
          .put("daysLeft", c.daysLeft())
          .put("renewalEligibility", c.renewalEligibility());
    }
    ArrayNode aliases = root.putArray("aliases");
    for (AliasStatus a : report.aliases()) {
      aliases
          .addObject()
          .put("name", a.name())
          .put("type", a.type())
          .put("resolves", a.resolves())
          .put("detail", a.detail());
    }
    if (report.drift() != null) {
      ArrayNode drift = root.putArray("drift");
      report.drift().forEach(drift::add);
    }
    ArrayNode problems = root.putArray("problems");
    report.problems().forEach(problems::add);
    return root;
  }
}
