package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.ExitCode;
import io.elbctl.sim.Linter;
import io.elbctl.sim.RuleCompilationException;
import io.elbctl.spec.Problem;
import io.elbctl.spec.SpecResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code elbctl lint}: finds rules that never apply, redundant values and health pitfalls. */
@Command(
    name = "lint",
    description = {
      "Analyse the rules and health checks: unreachable rules and values (with a request that",
      "proves it), redundant values, AWS quotas, health-check pitfalls and OAuth2 state loss.",
      "Exit 0 when the spec is valid (warnings or not), 3 when it is invalid."
    })
public final class LintCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @ParentCommand ElbctlCommand root;
  @Mixin SpecFileOptions specFile;
  @Mixin OutputOptions output;
  @Mixin SemanticsOptions semanticsOptions;

  @Override
  public Integer call() {
    Path path = specFile.path();
    SpecResult read = SpecOptions.read(path);
    PrintWriter out = command.commandLine().getOut();
    Terminal terminal = root.terminal();
    if (read.hasErrors()) {
      for (Problem problem : read.errors()) {
        command.commandLine().getErr().println(terminal.red(problem.format(path.toString())));
      }
      command
          .commandLine()
          .getErr()
          .println(path + " is invalid: fix the errors above (elbctl validate) before linting.");
      return ExitCode.INVALID_SPEC.code;
    }
    List<Problem> findings;
    try {
      findings = Linter.lint(read.spec(), semanticsOptions.semantics());
    } catch (RuleCompilationException e) {
      command.commandLine().getErr().println("elbctl: cannot compile the rules: " + e.getMessage());
      return ExitCode.INVALID_SPEC.code;
    }
    if (output.json()) {
      ObjectNode json = JsonNodeFactory.instance.objectNode();
      json.put("file", path.toString());
      ArrayNode items = json.putArray("warnings");
      for (Problem problem : findings) {
        ObjectNode item = items.addObject();
        item.put("path", problem.path());
        item.put("message", problem.message());
      }
      out.println(Json.pretty(json));
    } else {
      for (Problem problem : findings) {
        out.println(terminal.yellow(problem.format(path.toString())));
      }
      out.println(
          findings.isEmpty()
              ? terminal.green(path + ": no findings.")
              : path + ": " + SpecOptions.plural(findings.size(), "warning") + ".");
    }
    return ExitCode.OK.code;
  }
}
