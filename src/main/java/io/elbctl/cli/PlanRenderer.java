package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.aws.CallStats;
import io.elbctl.plan.Change;
import io.elbctl.plan.Destroyer;
import io.elbctl.plan.Field;
import io.elbctl.plan.Plan;
import io.elbctl.plan.Refusal;
import io.elbctl.plan.StepKind;
import io.elbctl.steps.Poller;
import java.io.PrintWriter;
import java.util.List;

/** Renders plans Terraform-style (+ create, ~ update, - delete) and call statistics. */
final class PlanRenderer {
  /** Marks a change that restores something edited outside elbctl. */
  static final String DRIFT_LABEL = "(drift: changed outside elbctl)";

  private final Terminal terminal;

  PlanRenderer(Terminal terminal) {
    this.terminal = terminal;
  }

  /** Prints the plan of the given steps (all six for plan and apply). */
  void text(PrintWriter out, String title, Plan plan, List<StepKind> steps) {
    out.println(terminal.bold(title));
    for (StepKind step : steps) {
      out.println();
      out.println(terminal.bold(step.label));
      List<Change> changes = plan.of(step);
      List<Refusal> refusals = plan.refusalsOf(step);
      if (changes.isEmpty() && refusals.isEmpty()) {
        out.println(terminal.dim("  no changes"));
      }
      for (Change change : changes) {
        String head = "  " + change.kind().symbol + " " + change.resource();
        out.println(
            colour(change.kind(), head)
                + (plan.isDrift(change) ? " " + terminal.bold(DRIFT_LABEL) : ""));
        for (Field field : change.fields()) {
          out.println("      " + field(change.kind(), field));
        }
      }
      for (Refusal refusal : refusals) {
        out.println(terminal.red("  ! " + refusal.message()));
      }
    }
    out.println();
    out.println(summary(plan, steps));
  }

  String summary(Plan plan, List<StepKind> steps) {
    long create = 0;
    long update = 0;
    long delete = 0;
    for (StepKind step : steps) {
      for (Change change : plan.of(step)) {
        switch (change.kind()) {
          case CREATE -> create++;
          case UPDATE -> update++;
          case DELETE -> delete++;
          default -> throw new AssertionError(change.kind());
        }
      }
    }
    if (create + update + delete == 0) {
      return terminal.green("No changes.") + " The live setup matches the spec.";
    }
    long drift = plan.drift().stream().filter(c -> steps.contains(c.step())).count();
    return terminal.bold("Plan:")
        + " "
        + create
        + " to create, "
        + update
        + " to update, "
        + delete
        + " to delete"
        + (drift == 0
            ? "."
            : "; "
                + drift
                + (drift == 1 ? " of them restores" : " of them restore")
                + " what was changed outside elbctl (drift).");
  }

  private String field(Change.Kind kind, Field field) {
    if (field.oldValue() == null || field.oldValue().equals("null")) {
      return field.name() + ": " + field.newValue();
    }
    if (field.newValue() == null || kind == Change.Kind.DELETE) {
      return field.name() + ": " + field.oldValue();
    }
    return field.name() + ": " + field.oldValue() + " → " + field.newValue();
  }

  private String colour(Change.Kind kind, String text) {
    return switch (kind) {
      case CREATE -> terminal.green(text);
      case UPDATE -> terminal.yellow(text);
      case DELETE -> terminal.red(text);
    };
  }

  /** Prints a destroy plan: deletions in the order they run, then what is kept and why. */
  void destroy(PrintWriter out, String title, Destroyer.DestroyPlan plan) {
    out.println(terminal.bold(title));
    out.println();
    for (Change change : plan.changes()) {
      out.println(terminal.red("  - " + change.resource()));
    }
    for (Destroyer.Kept kept : plan.kept()) {
      out.println(terminal.dim("  = kept: " + kept.message()));
    }
    if (!plan.changes().isEmpty() || !plan.kept().isEmpty()) {
      out.println();
    }
    out.println(
        plan.changes().isEmpty()
            ? terminal.green("Nothing to destroy.") + " No resource of this spec is left."
            : terminal.bold("Destroy:")
                + " "
                + plan.changes().size()
                + " to delete"
                + (plan.kept().isEmpty() ? "." : ", " + plan.kept().size() + " kept.")
                + " The hosted zone is never deleted.");
  }

  static ObjectNode destroyJson(String spec, String region, Destroyer.DestroyPlan plan) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("spec", spec);
    root.put("region", region);
    ArrayNode changes = root.putArray("delete");
    for (Change change : plan.changes()) {
      changes.addObject().put("step", change.step().label).put("resource", change.resource());
    }
    ArrayNode kept = root.putArray("kept");
    for (Destroyer.Kept k : plan.kept()) {
      kept.addObject().put("step", k.step().label).put("reason", k.message());
    }
    return root;
  }

  static ObjectNode json(String spec, String region, Plan plan, List<StepKind> steps) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("spec", spec);
    root.put("region", region);
    ArrayNode changes = root.putArray("changes");
    long[] counts = new long[3];
    for (StepKind step : steps) {
      for (Change change : plan.of(step)) {
        counts[change.kind().ordinal()]++;
        ObjectNode item = changes.addObject();
        item.put("step", step.label);
        item.put("action", change.kind().verb);
        item.put("resource", change.resource());
        item.put("drift", plan.isDrift(change));
        ArrayNode fields = item.putArray("fields");
        for (Field field : change.fields()) {
          ObjectNode f = fields.addObject().put("name", field.name());
          f.put("old", field.oldValue());
          f.put("new", field.newValue());
        }
      }
    }
    ArrayNode refusals = root.putArray("refusals");
    for (Refusal refusal : plan.refusals()) {
      if (steps.contains(refusal.step())) {
        refusals
            .addObject()
            .put("step", refusal.step().label)
            .put("exitCode", refusal.exitCode().code)
            .put("message", refusal.message());
      }
    }
    root.putObject("summary")
        .put("create", counts[0])
        .put("update", counts[1])
        .put("delete", counts[2])
        .put("drift", plan.drift().stream().filter(c -> steps.contains(c.step())).count());
    return root;
  }

  void stats(PrintWriter out, CallStats stats) {
    out.println();
    out.println(
        terminal.bold("AWS calls:")
            + " "
            + stats.calls()
            + " ("
            + stats.reads()
            + " read, "
            + stats.mutating()
            + " mutating), "
            + stats.polls()
            + " polls while waiting, "
            + Poller.format(stats.waited())
            + " waited");
    for (CallStats.Count count : stats.counts()) {
      out.printf(
          "  %-30s %-20s %3d%s%n",
          count.operation(),
          count.service(),
          count.calls(),
          (count.polls() > 0 ? " + " + count.polls() + " polls" : "")
              + (count.mutating() ? "  (mutating)" : ""));
    }
  }

  static ObjectNode statsJson(CallStats stats) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("calls", stats.calls());
    node.put("reads", stats.reads());
    node.put("mutating", stats.mutating());
    node.put("polls", stats.polls());
    node.put("waitedMillis", stats.waited().toMillis());
    ArrayNode operations = node.putArray("operations");
    for (CallStats.Count count : stats.counts()) {
      operations
          .addObject()
          .put("service", count.service())
          .put("operation", count.operation())
          .put("mutating", count.mutating())
          .put("calls", count.calls())
          .put("polls", count.polls());
    }
    return node;
  }

  static String title(io.elbctl.spec.Spec spec, String region) {
    return "Plan for " + spec.name() + " in " + region + ":";
  }

  static String destroyTitle(io.elbctl.spec.Spec spec, String region) {
    return "Destroy plan for " + spec.name() + " in " + region + ":";
  }

  /**
   * Ends a command's output: {@code json} (with the call statistics when {@code stats} is set) as
   * one document, or after text only the statistics.
   */
  void finish(PrintWriter out, ObjectNode json, boolean asJson, CallStats stats) {
    if (asJson) {
      if (stats != null) {
        json.set("stats", statsJson(stats));
      }
      out.println(Json.pretty(json));
    } else if (stats != null) {
      stats(out, stats);
    }
    out.flush();
  }
}
