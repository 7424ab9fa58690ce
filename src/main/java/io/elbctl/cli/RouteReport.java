package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.sim.Decision;
import io.elbctl.sim.RouteTests;
import io.elbctl.sim.TraceEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Renders the results of {@code elbctl test}: as text, as one JSON document or as JUnit XML. */
final class RouteReport {
  private RouteReport() {}

  static void text(PrintWriter out, Terminal terminal, List<RouteTests.Result> results) {
    long failed = failed(results);
    for (RouteTests.Result result : results) {
      if (result.passed()) {
        out.println(terminal.green("PASS") + " " + result.test().name());
        continue;
      }
      out.println(terminal.red("FAIL") + " " + result.test().name());
      if (result.error() != null) {
        out.println("     " + result.error());
        continue;
      }
      for (String mismatch : result.mismatches()) {
        out.println("     " + mismatch);
      }
      for (Decision hop : result.hops()) {
        out.println(terminal.dim("     " + hop.request().method() + " " + hop.request().url()));
        for (TraceEntry entry : hop.trace()) {
          out.println(terminal.dim("       " + entry));
        }
        out.println(
            terminal.dim(
                "       → " + hop.ruleName() + ": " + DecisionRenderer.describeAction(hop)));
      }
    }
    out.println(
        (failed == 0
                ? terminal.green("all " + results.size() + " passed")
                : terminal.red(failed + " of " + results.size() + " failed"))
            + ".");
  }

  static long failed(List<RouteTests.Result> results) {
    return results.stream().filter(r -> !r.passed()).count();
  }

  static ObjectNode json(List<RouteTests.Result> results) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    long failed = failed(results);
    json.put("total", results.size());
    json.put("passed", results.size() - failed);
    json.put("failed", failed);
    ArrayNode tests = json.putArray("tests");
    for (RouteTests.Result result : results) {
      ObjectNode item = tests.addObject();
      item.put("name", result.test().name());
      item.put("passed", result.passed());
      ArrayNode mismatches = item.putArray("mismatches");
      result.mismatches().forEach(mismatches::add);
      if (result.error() != null) {
        item.put("error", result.error());
      }
      if (!result.hops().isEmpty()) {
        item.set("decision", DecisionRenderer.json(result.hops()));
      }
    }
    return json;
  }

  static void writeJunit(Path file, String suiteName, List<RouteTests.Result> results) {
    try {
      Files.writeString(file, junitXml(suiteName, results), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ElbctlException(ExitCode.ERROR, "cannot write " + file + ": " + e.getMessage());
    }
  }

  static String junitXml(String suiteName, List<RouteTests.Result> results) {
    long failed = failed(results);
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<testsuite name=\"")
        .append(escape(suiteName))
        .append("\" tests=\"")
        .append(results.size())
        .append("\" failures=\"")
        .append(failed)
        .append("\" errors=\"0\" skipped=\"0\">\n");
    for (RouteTests.Result result : results) {
      xml.append("  <testcase classname=\"elbctl.routes\" name=\"")
          .append(escape(result.test().name()))
          .append("\"");
      if (result.passed()) {
        xml.append("/>\n");
        continue;
      }
      String message =
          result.error() != null ? result.error() : String.join("; ", result.mismatches());
      StringBuilder detail = new StringBuilder();
      for (Decision hop : result.hops()) {
        detail.append(hop.request().method()).append(' ').append(hop.request().url()).append('\n');
        for (TraceEntry entry : hop.trace()) {
          detail.append("  ").append(entry).append('\n');
        }
        detail
            .append("  → ")
            .append(hop.ruleName())
            .append(": ")
            .append(DecisionRenderer.describeAction(hop))
            .append('\n');
      }
      xml.append(">\n    <failure message=\"")
          .append(escape(message))
          .append("\">")
          .append(escape(detail.toString()))
          .append("</failure>\n  </testcase>\n");
    }
    return xml.append("</testsuite>\n").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
