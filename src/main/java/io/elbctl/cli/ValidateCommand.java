package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.ExitCode;
import io.elbctl.sim.Linter;
import io.elbctl.spec.Problem;
import io.elbctl.spec.SpecResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code elbctl validate}: checks a spec against every AWS limit without contacting AWS. */
@Command(
    name = "validate",
    description = "Check a spec against every AWS limit and elbctl rule; contacts nothing.")
public final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @ParentCommand ElbctlCommand root;
  @Mixin SpecFileOptions specFile;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    Path path = specFile.path();
    SpecResult result = Linter.withLint(SpecOptions.read(path));
    PrintWriter out = command.commandLine().getOut();
    if (output.json()) {
      ObjectNode json = JsonNodeFactory.instance.objectNode();
      json.put("file", path.toString());
      json.put("valid", !result.hasErrors());
      ArrayNode problems = json.putArray("problems");
      for (Problem problem : result.problems()) {
        ObjectNode item = problems.addObject();
        item.put("severity", problem.severity().name().toLowerCase());
        item.put("path", problem.path());
        item.put("message", problem.message());
        if (problem.line() > 0) {
          item.put("line", problem.line());
          item.put("column", problem.column());
        }
      }
      out.println(Json.pretty(json));
    } else {
      Terminal terminal = root.terminal();
      for (Problem problem : result.problems()) {
        String line = problem.format(path.toString());
        out.println(problem.isError() ? terminal.red(line) : terminal.yellow(line));
      }
      int errors = result.errors().size();
      int warnings = result.warnings().size();
      if (result.hasErrors()) {
        out.println(
            path
                + " is invalid: "
                + SpecOptions.plural(errors, "error")
                + (warnings > 0 ? ", " + SpecOptions.plural(warnings, "warning") : "")
                + ".");
      } else {
        out.println(
            terminal.green(path + " is valid")
                + (warnings > 0 ? " (" + SpecOptions.plural(warnings, "warning") + ")" : "")
                + ".");
      }
    }
    return result.hasErrors() ? ExitCode.INVALID_SPEC.code : ExitCode.OK.code;
  }
}
