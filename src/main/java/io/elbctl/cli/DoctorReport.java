package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.ElbctlException;
import io.elbctl.plan.Diagnosis.Finding;
import io.elbctl.plan.Diagnosis.Level;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Renders doctor's findings: as a report (doctor) or as warnings at the start of apply. */
final class DoctorReport {
  private DoctorReport() {}

  static void text(PrintWriter out, Terminal terminal, String title, List<Finding> findings) {
    out.println(terminal.bold(title));
    for (Finding f : findings) {
      out.println("  " + label(terminal, f.level()) + " " + f.check() + ": " + f.message());
    }
    out.println();
    out.println(
        failed(findings)
            ? terminal.red("Problems found.") + " apply would fail or serve nothing."
            : terminal.green("No problems found."));
  }

  static ObjectNode json(String specName, List<Finding> findings) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("spec", specName);
    json.put("ok", !failed(findings));
    ArrayNode items = json.putArray("checks");
    for (Finding f : findings) {
      items
          .addObject()
          .put("check", f.check())
          .put("result", f.level().name().toLowerCase(Locale.ROOT))
          .put("message", f.message());
    }
    return json;
  }

  static boolean failed(List<Finding> findings) {
    return findings.stream().anyMatch(f -> f.level() == Level.FAIL);
  }

  /** Runs the checks at the start of apply and prints failures as warnings; never blocks. */
  static void warn(PrintWriter err, Terminal terminal, Supplier<List<Finding>> checks) {
    try {
      for (Finding f : checks.get()) {
        if (f.level() == Level.FAIL || f.level() == Level.WARN) {
          err.println(terminal.yellow("warning:") + " doctor: " + f.check() + ": " + f.message());
        }
      }
    } catch (ElbctlException e) {
      err.println(terminal.yellow("warning:") + " doctor could not run: " + e.getMessage());
    }
    err.flush();
  }

  private static String label(Terminal terminal, Level level) {
    return switch (level) {
      case OK -> terminal.green("ok  ");
      case WARN -> terminal.yellow("warn");
      case FAIL -> terminal.red("FAIL");
      case SKIPPED -> terminal.dim("skip");
    };
  }
}
