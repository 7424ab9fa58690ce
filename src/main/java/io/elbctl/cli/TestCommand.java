package io.elbctl.cli;

import io.elbctl.ExitCode;
import io.elbctl.sim.HealthModel;
import io.elbctl.sim.RouteTests;
import io.elbctl.sim.Router;
import io.elbctl.sim.Semantics;
import java.io.PrintWriter;
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
      converter = TargetHealth.Converter.class,
      description = "State a group's or target's health for every test (repeatable).")
  List<TargetHealth> targetHealth = new ArrayList<>();

  @Mixin SemanticsOptions semanticsOptions;

  @Override
  public Integer call() {
    RoutesFile file = RoutesFile.read(routes);
    PrintWriter err = command.commandLine().getErr();
    io.elbctl.spec.Spec spec = specOptions.loadQuietly(file.spec(specOptions.file), err);
    Semantics semantics = semanticsOptions.semantics();
    Router router = SimulationSetup.compile(spec, semantics);
    HealthModel health = HealthModel.healthy(spec, semantics);
    SimulationSetup.applyTargetHealth(health, targetHealth);
    List<RouteTests.Result> results = RouteTests.run(router, health, file.suite().tests());
    PrintWriter out = command.commandLine().getOut();
    if (output.json()) {
      out.println(Json.pretty(RouteReport.json(results)));
    } else {
      RouteReport.text(out, root.terminal(), results);
    }
    if (junit != null) {
      RouteReport.writeJunit(junit, routes.toString(), results);
    }
    return RouteReport.failed(results) == 0 ? ExitCode.OK.code : ExitCode.CHANGES.code;
  }
}
