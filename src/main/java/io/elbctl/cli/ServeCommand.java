package io.elbctl.cli;

import io.elbctl.ExitCode;
import io.elbctl.serve.LocalAlb;
import io.elbctl.serve.LocalTargets;
import io.elbctl.serve.ServeBanner;
import io.elbctl.serve.TargetsFile;
import io.elbctl.sim.Semantics;
import io.elbctl.spec.Spec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/** {@code elbctl serve}: runs the spec's listeners on this machine in front of local apps. */
@Command(
    name = "serve",
    description = {
      "Run the spec's load balancer on this machine: each listener on a local port, every request",
      "classified and routed as an ALB does, forwarded to local apps with the headers an ALB adds,",
      "health-checked as the spec says. Ctrl-C stops it after in-flight requests finish."
    })
public final class ServeCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec command;
  @Mixin SpecOptions specOptions;
  @Mixin ServeOptions o;
  @Mixin SemanticsOptions semanticsOptions;

  @Override
  public Integer call() {
    PrintWriter err = command.commandLine().getErr();
    Spec spec = specOptions.load(null, err);
    Semantics semantics = semanticsOptions.semantics();
    SimulationSetup.compile(spec, semantics);
    PrintWriter out = command.commandLine().getOut();
    PrintWriter events = "-".equals(o.accessLog) ? err : out;
    TargetsFile file = o.targetsFile == null ? null : TargetsFile.read(o.targetsFile, spec);
    List<String> mappings = new ArrayList<>(o.targets);
    if (file != null) {
      mappings.addAll(file.initial());
      file.alsoKnown(o.targets);
    }
    LocalTargets.Result local = LocalTargets.apply(spec, mappings);
    LocalAlb alb = LocalAlb.bind(o.config(spec, local.spec(), semantics, out), events::println);
    ServeBanner.lines(spec, local, alb, o.bind, o.tls == null).forEach(events::println);
    events.flush();
    alb.checkHealth();
    if (file != null) {
      file.watch(alb, events::println);
    }
    UntilStopped.run(alb, events);
    if (file != null) {
      file.close();
    }
    return ExitCode.OK.code;
  }
}
