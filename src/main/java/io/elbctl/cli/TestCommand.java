package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.sim.Decision;
import io.elbctl.sim.HealthModel;
import io.elbctl.sim.RouteTests;
import io.elbctl.sim.Router;
import io.elbctl.sim.Semantics;
import io.elbctl.sim.TraceEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** {@code elbctl test}: checks a file of routing expectations against the spec, offline. */
@Command(
    name = "test",
    description = {
      "Run a file of routing expectations (request → target group | status | location | rule)",
      "against the spec and explain every mismatch. The spec is -f FILE, else the routes file's",
      "\"spec\" (relative to it), else ./elbctl.json.",
      "Exit 0 when every expectation holds, 2 when some fail, 3 when the spec is invalid."
    })
public final class TestCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @ParentCommand ElbctlCommand root;
  @Mixin SpecOptions specOptions;
  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "ROUTES.json", description = "The routes file.")
  Path routes;

  @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report.")
  Path junit;

  @Option(
      names = "--target-health",
      paramLabel = "GROUP[/TARGET]=STATE",
      description = "State a group's or target's health for every test (repeatable).")
  List<String> targetHealth = new ArrayList<>();

  @Mixin SemanticsOptions semanticsOptions;

  @Override
  public Integer call() {
    RouteTests.Suite suite;
    try {
      suite = RouteTests.parse(Files.readAllBytes(routes));
    } catch (IOException e) {
      throw new ElbctlException(ExitCode.ERROR, "cannot read " + routes + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ElbctlException(ExitCode.ERROR, routes + ": " + e.getMessage());
    }
    Path specFile = null;
    if (specOptions.file == null && suite.spec() != null) {
      Path parent = routes.toAbsolutePath().getParent();
      specFile = parent == null ? Path.of(suite.spec()) : parent.resolve(suite.spec()).normalize();
      specFile = Path.of("").toAbsolutePath().relativize(specFile.toAbsolutePath());
    }
    PrintWriter err = command.commandLine().getErr();
    io.elbctl.spec.Spec spec = specOptions.loadQuietly(specFile, err);
    Semantics semantics = semanticsOptions.semantics();
    Router router = SimulationSetup.compile(spec, semantics);
    HealthModel health = HealthModel.healthy(spec, semantics);
    SimulationSetup.applyTargetHealth(health, targetHealth);
    List<RouteTests.Result> results = RouteTests.run(router, health, suite.tests());
    long failed = results.stream().filter(r -> !r.passed()).count();
    PrintWriter out = command.commandLine().getOut();
    Terminal terminal = root.terminal();
    if (output.json()) {
      out.println(Json.pretty(json(results)));
    } else {
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
    if (junit != null) {
      try {
        Files.writeString(junit, junitXml(routes.toString(), results), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ElbctlException(ExitCode.ERROR, "cannot write " + junit + ": " + e.getMessage());
      }
    }
    return failed == 0 ? ExitCode.OK.code : ExitCode.CHANGES.code;
  }

  private static ObjectNode json(List<RouteTests.Result> results) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    long failed = results.stream().filter(r -> !r.passed()).count();
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

  static String junitXml(String suiteName, List<RouteTests.Result> results) {
    long failed = results.stream().filter(r -> !r.passed()).count();
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
