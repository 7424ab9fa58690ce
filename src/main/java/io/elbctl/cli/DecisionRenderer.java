package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.sim.Authentication;
import io.elbctl.sim.CertificateChoice;
import io.elbctl.sim.Decision;
import io.elbctl.sim.RuleTransforms;
import io.elbctl.sim.TargetPicker;
import io.elbctl.sim.TraceEntry;
import io.elbctl.spec.FixedResponseAction;
import io.elbctl.spec.ForwardAction;
import io.elbctl.spec.RedirectAction;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Renders simulator decisions as explained text or as the JSON object scripts read. */
final class DecisionRenderer {
  private DecisionRenderer() {}

  /**
   * Prints what simulate found: the decisions (none when only health was asked for) and the health
   * the timelines and probes saw, as text or as one JSON document, with the certificate each HTTPS
   * hop's listener presents ({@code tls}).
   */
  static void print(
      PrintWriter out,
      List<Decision> hops,
      List<TargetPicker.Pick> picks,
      ArrayNode health,
      boolean asJson,
      Terminal terminal,
      Function<Decision, CertificateChoice> tls) {
    if (!asJson) {
      for (int i = 0; i < hops.size(); i++) {
        if (i > 0) {
          out.println();
        }
        text(hops.get(i), terminal, out, tls.apply(hops.get(i)));
        if (picks.get(i) != null) {
          PickRenderer.text(picks.get(i), terminal, out);
        }
      }
      return;
    }
    ObjectNode json =
        hops.isEmpty() ? JsonNodeFactory.instance.objectNode() : json(hops, picks, tls);
    if (hops.isEmpty() || !health.isEmpty()) {
      json.set("health", health);
    }
    out.println(Json.pretty(json));
  }

  static void text(Decision decision, Terminal terminal, PrintWriter out) {
    text(decision, terminal, out, null);
  }

  private static void text(
      Decision decision, Terminal terminal, PrintWriter out, CertificateChoice certificate) {
    out.println(
        terminal.bold(decision.request().method() + " " + decision.request().url())
            + terminal.dim(
                "  (listener "
                    + decision.listenerPort()
                    + " "
                    + decision.listenerProtocol()
                    + ")"));
    if (certificate != null) {
      out.println(
          "  TLS: certificate "
              + certificate.label()
              + " "
              + certificate.certificate().allNames()
              + ": "
              + certificate.reason());
    }
    if (decision.trace().isEmpty() && decision.isDefault()) {
      out.println("  no rules on this listener");
    }
    for (TraceEntry entry : decision.trace()) {
      String line = "  " + entry;
      out.println(entry.matched() ? terminal.green(line) : terminal.dim(line));
    }
    if (decision.isDefault() && !decision.trace().isEmpty()) {
      out.println(terminal.dim("  no rule matched: default action"));
    }
    Authentication auth = decision.authentication();
    if (auth != null && auth.statusCode() != null) {
      out.println(
          "→ "
              + decision.ruleName()
              + ": "
              + auth.note()
              + (auth.location() == null ? "" : "\n  Location: " + auth.location()));
      return;
    }
    if (auth != null) {
      out.println("  " + auth.note());
    }
    out.println("→ " + decision.ruleName() + ": " + describeAction(decision));
    RuleTransforms.Rewritten rewritten = decision.rewritten();
    if (rewritten != null) {
      for (String note : rewritten.notes()) {
        out.println("  " + (rewritten.failed() ? terminal.red(note) : note));
      }
      if (!rewritten.failed()) {
        out.println("  the target receives Host: " + rewritten.host() + ", " + rewritten.target());
      }
    }
    if (decision.action() instanceof ForwardAction && (rewritten == null || !rewritten.failed())) {
      for (Decision.GroupRoute group : decision.groups()) {
        String prefix =
            decision.groups().size() > 1
                ? "  "
                    + group.name()
                    + " (weight "
                    + group.weight()
                    + ", "
                    + percent(group.share())
                    + "): "
                : "  targets: ";
        if (group.noRegisteredTargets()) {
          out.println(prefix + terminal.red("no registered targets: the ALB answers 503"));
          continue;
        }
        StringBuilder line = new StringBuilder(prefix);
        for (int i = 0; i < group.targets().size(); i++) {
          Decision.TargetRoute target = group.targets().get(i);
          line.append(i > 0 ? ", " : "")
              .append(target.target().key())
              .append(" (")
              .append(target.state())
              .append(')');
        }
        out.println(line);
        if (group.failOpen()) {
          out.println(
              terminal.yellow(
                  "  fail-open: no target of "
                      + group.name()
                      + " is healthy, so the ALB routes to all registered targets"));
        }
      }
    }
  }

  static String describeAction(Decision decision) {
    if (decision.action() instanceof ForwardAction forward) {
      if (!forward.weighted()) {
        return "forward to target group " + forward.targetGroup();
      }
      StringBuilder out = new StringBuilder("weighted forward to ");
      for (int i = 0; i < decision.groups().size(); i++) {
        Decision.GroupRoute group = decision.groups().get(i);
        out.append(i > 0 ? ", " : "")
            .append(group.name())
            .append(' ')
            .append(percent(group.share()));
      }
      if (forward.stickinessSeconds() != null) {
        out.append(" (group stickiness ").append(forward.stickinessSeconds()).append(" s)");
      }
      return out.toString();
    } else if (decision.action() instanceof RedirectAction) {
      return "redirect " + decision.statusCode() + " Location: " + decision.location();
    } else if (decision.action() instanceof FixedResponseAction fixed) {
      return "fixed response "
          + fixed.statusCode()
          + " "
          + fixed.contentType()
          + (fixed.messageBody().isEmpty() ? "" : " " + abbreviate(fixed.messageBody()));
    }
    throw new AssertionError(decision.action());
  }

  private static String abbreviate(String body) {
    String line = body.replace('\n', ' ');
    return line.length() > 60 ? line.substring(0, 57) + "..." : line;
  }

  static String percent(double share) {
    double value = share * 100;
    return (value == Math.rint(value)
            ? String.valueOf((long) value)
            : String.format(Locale.ROOT, "%.1f", value))
        + "%";
  }

  static ObjectNode json(Decision decision) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode json = nodes.objectNode();
    json.put("listener", decision.listenerPort());
    json.put("protocol", decision.listenerProtocol());
    ObjectNode request = json.putObject("request");
    request.put("method", decision.request().method());
    request.put("url", decision.request().url());
    request.put("host", decision.request().host());
    request.put("path", decision.request().path());
    request.put("query", decision.request().query());
    request.put("sourceIp", decision.request().sourceIp());
    ObjectNode matched = json.putObject("matched");
    if (decision.priority() == null) {
      matched.put("priority", "default");
    } else {
      matched.put("priority", decision.priority());
    }
    ObjectNode action = json.putObject("action");
    action.put("type", decision.actionType());
    if (decision.action() instanceof ForwardAction forward) {
      if (!forward.weighted()) {
        action.put("targetGroup", forward.targetGroup());
      } else {
        ArrayNode groups = action.putArray("targetGroups");
        for (Decision.GroupRoute group : decision.groups()) {
          ObjectNode item = groups.addObject();
          item.put("name", group.name());
          item.put("weight", group.weight());
          item.put("share", group.share());
          item.put("noRegisteredTargets", group.noRegisteredTargets());
          item.put("failOpen", group.failOpen());
        }
        if (forward.stickinessSeconds() != null) {
          action.put("stickinessSeconds", forward.stickinessSeconds());
        }
      }
    } else if (decision.action() instanceof RedirectAction redirect) {
      action.put("location", decision.location());
      action.put("statusCode", redirect.statusCode());
    } else if (decision.action() instanceof FixedResponseAction fixed) {
      action.put("contentType", fixed.contentType());
      action.put("messageBody", fixed.messageBody());
    } else {
      throw new AssertionError(decision.action());
    }
    if (decision.statusCode() == null) {
      json.putNull("statusCode");
    } else {
      json.put("statusCode", decision.statusCode());
    }
    ArrayNode targets = json.putArray("targets");
    for (Decision.TargetRoute target : decision.targets()) {
      ObjectNode item = targets.addObject();
      item.put("group", target.group());
      item.put("id", target.target().id());
      item.put("port", target.target().port());
      item.put("state", target.state().name());
    }
    json.put("failOpen", decision.failOpen());
    Authentication auth = decision.authentication();
    if (auth != null) {
      ObjectNode node = json.putObject("authenticate");
      node.put("type", auth.type());
      node.put("outcome", auth.outcome());
      node.put("location", auth.location());
      node.put("note", auth.note());
    }
    RuleTransforms.Rewritten rewritten = decision.rewritten();
    if (rewritten != null) {
      ObjectNode forwarded = json.putObject("forwarded");
      forwarded.put("host", rewritten.host());
      forwarded.put("path", rewritten.path());
      forwarded.put("query", rewritten.query());
      forwarded.put("transformFailed", rewritten.failed());
      ArrayNode notes = forwarded.putArray("transforms");
      rewritten.notes().forEach(notes::add);
    }
    ArrayNode trace = json.putArray("trace");
    for (TraceEntry entry : decision.trace()) {
      ObjectNode item = trace.addObject();
      item.put("priority", entry.priority());
      item.put("matched", entry.matched());
      item.put("reason", entry.reason());
    }
    return json;
  }

  /** The last hop's object, with every hop under {@code hops} when a redirect was followed. */
  static ObjectNode json(List<Decision> hops) {
    return json(hops, java.util.Collections.nCopies(hops.size(), null), d -> null);
  }

  /**
   * As {@link #json(List)}, with each forward's pick under {@code pick} and each HTTPS hop's
   * certificate under {@code tls}.
   */
  static ObjectNode json(
      List<Decision> hops,
      List<TargetPicker.Pick> picks,
      Function<Decision, CertificateChoice> tls) {
    int last = hops.size() - 1;
    ObjectNode json = json(hops.get(last), picks.get(last), tls);
    if (hops.size() > 1) {
      ArrayNode all = json.putArray("hops");
      for (int i = 0; i < hops.size(); i++) {
        all.add(json(hops.get(i), picks.get(i), tls));
      }
    }
    return json;
  }

  private static ObjectNode json(
      Decision decision, TargetPicker.Pick pick, Function<Decision, CertificateChoice> tls) {
    ObjectNode json = json(decision);
    if (pick != null) {
      PickRenderer.json(pick, json);
    }
    CertificateChoice certificate = tls.apply(decision);
    if (certificate != null) {
      ObjectNode tlsNode = json.putObject("tls");
      tlsNode.put("serverName", certificate.serverName());
      tlsNode.put("certificate", certificate.certificate().domainName());
      tlsNode.put("default", certificate.index() == 0);
      ArrayNode names = tlsNode.putArray("names");
      certificate.certificate().allNames().forEach(names::add);
      tlsNode.put("reason", certificate.reason());
    }
    return json;
  }
}
